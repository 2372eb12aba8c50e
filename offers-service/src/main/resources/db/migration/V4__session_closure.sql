-- Issue 19: a session closed by booking-service (an absence of its staff, a closure of its place), as reported on
-- booking.slots.v1 (closed, closedReason). Kept apart from status/cancel_reason, which the planner owns: a re-plan of
-- the offer rewrites those but never this column, so it cannot reopen a closed session; booking reopens it (null) when
-- the closure is withdrawn. Sessions lists show a closed session as cancelled with this reason; search skips it.
ALTER TABLE session ADD COLUMN closed_reason text;
