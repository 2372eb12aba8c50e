-- Read model of directory.people.v1 (issue 16): who may be named on a shift or as the agent of a booking. Only what
-- those checks need: the person's id, the organisation (partner) they belong to, and whether they still exist in the
-- directory. No name, no contact data: those stay in the directory (and in notification-service, which writes to people).
CREATE TABLE directory_person (
    id              uuid PRIMARY KEY,
    partner_id      uuid,
    active          boolean NOT NULL,
    source_version  bigint NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
