-- Issue 23: a message continues the trace of the event that planned it. The trace context (W3C traceparent,
-- tracestate) and the request id of the consuming event, as a JSON object (platform TraceHeaders), so the worker's
-- send — and the provider call in it — is a span of that trace and its log lines carry that request id. Null for rows
-- planned before, or planned outside any event.
ALTER TABLE notification ADD COLUMN trace_headers jsonb;
