-- A kiosk link is answered on a shared device (a tablet in a break room): its page keeps nothing
-- on the device after a submission and resets itself for the next person.
ALTER TABLE wave_links ADD COLUMN is_kiosk boolean NOT NULL DEFAULT false;
