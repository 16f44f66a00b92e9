-- Using an invitation deleted its row here, and the dead row kept the token hash with an xmax
-- equal to the response row's xmin until VACUUM (and in the WAL after it): the spent set replaces it.
DROP TABLE unused_invitations;
