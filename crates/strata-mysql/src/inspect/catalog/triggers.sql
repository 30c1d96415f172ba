-- Triggers, with their order among triggers of the same timing and event.
SELECT CAST(TRIGGER_SCHEMA AS CHAR) AS trigger_schema,
       CAST(TRIGGER_NAME AS CHAR) AS trigger_name,
       CAST(EVENT_MANIPULATION AS CHAR) AS event_manipulation,
       CAST(EVENT_OBJECT_TABLE AS CHAR) AS event_object_table,
       CAST(ACTION_ORDER AS SIGNED) AS action_order,
       CAST(ACTION_STATEMENT AS CHAR) AS action_statement,
       CAST(ACTION_ORIENTATION AS CHAR) AS action_orientation,
       CAST(ACTION_TIMING AS CHAR) AS action_timing
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA IN ({schemas})
