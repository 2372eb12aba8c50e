-- Messages due now wake the worker when their transaction commits (NotificationWorker listens on notification_due
-- through the platform's PgNotifications), instead of waiting for its poll. NOTIFY is delivered at commit, not at all
-- on rollback, and identical notifications of one transaction fold into one: a planner inserting ten rows sends one.
-- "Due now" tolerates a second of difference between the service's clock (which set next_attempt_at) and the database's.
-- Rows due later (reminders, retries after a backoff, the morning after quiet hours) are left to the poll.
CREATE FUNCTION notification_due_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('notification_due', '');
    RETURN NULL;
END $$;

CREATE TRIGGER notification_due_notify AFTER INSERT OR UPDATE OF status, next_attempt_at ON notification
    FOR EACH ROW WHEN (NEW.status = 'pending' AND NEW.next_attempt_at <= clock_timestamp() + interval '1 second')
    EXECUTE FUNCTION notification_due_notify();
