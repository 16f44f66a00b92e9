-- Exports read a wave's responses in batches ordered by their random id (keyset pagination):
-- this index makes each batch a short range scan instead of a sort of the whole wave.
CREATE INDEX responses_wave_id_id_idx ON responses (wave_id, id);
