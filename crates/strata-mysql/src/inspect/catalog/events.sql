-- Scheduled events.
SELECT CAST(EVENT_SCHEMA AS CHAR) AS event_schema,
       CAST(EVENT_NAME AS CHAR) AS event_name,
       CAST(EVENT_DEFINITION AS CHAR) AS event_definition,
       CAST(EVENT_TYPE AS CHAR) AS event_type,
       CAST(EXECUTE_AT AS CHAR) AS execute_at,
       CAST(INTERVAL_VALUE AS CHAR) AS interval_value,
       CAST(INTERVAL_FIELD AS CHAR) AS interval_field,
       CAST(STARTS AS CHAR) AS starts,
       CAST(ENDS AS CHAR) AS ends,
       CAST(STATUS AS CHAR) AS status,
       CAST(ON_COMPLETION AS CHAR) AS on_completion,
       CAST(EVENT_COMMENT AS CHAR) AS event_comment
FROM information_schema.EVENTS
WHERE EVENT_SCHEMA IN ({schemas})
