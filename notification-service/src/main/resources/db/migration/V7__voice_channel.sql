-- Issue 18: a third channel, voice calls (text-to-speech through the voice provider's HTTP API), for people booked at a
-- desk with a landline only. Same rows, worker, retries, quiet hours, opt-outs (sms_opt_out holds numbers: an opted-out
-- number gets no call either) and receipts as SMS.
ALTER TABLE notification DROP CONSTRAINT IF EXISTS notification_channel_check;
ALTER TABLE notification ADD CONSTRAINT notification_channel_check CHECK (channel IN ('sms', 'email', 'voice'));
