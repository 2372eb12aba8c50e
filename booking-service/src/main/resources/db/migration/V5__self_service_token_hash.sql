-- Self-service links (issue 16): only a hash of the link's token is stored, looked up by hash; whoever reads the
-- database (a dump, a backup, a report) can no longer open or cancel anyone's booking. The token is 256 random bits,
-- so a plain SHA-256 (hex) is enough: there is nothing to brute-force. Existing tokens are hashed in place, so the
-- links already sent keep working.
ALTER TABLE booking ADD COLUMN token_hash text;
UPDATE booking SET token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex') WHERE token IS NOT NULL;
ALTER TABLE booking DROP COLUMN token;
CREATE UNIQUE INDEX booking_token_hash ON booking (token_hash);
