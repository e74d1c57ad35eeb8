-- vastbot store, version 8 (SQLite): the durable outbox of everything the bot sends to Slack, and
-- the alert incidents that decide what is sent. Keep in step with ../postgresql/V8__slack_outbox.sql.

-- Every post, reply, edit, upload and response_url answer, queued before it is sent. Messages of a
-- lane (a channel id, or one response URL) go out in id order; a message is retried until it is
-- delivered or its deadline passes, and never deleted.
CREATE TABLE slack_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  lane            TEXT    NOT NULL,
  kind            TEXT    NOT NULL,          -- POST, REPLY, UPDATE, UPLOAD, RESPOND
  msg_key         TEXT    UNIQUE,            -- what other messages call it (a thread, an edit's target)
  parent_key      TEXT,                      -- a reply's thread, an edit's message
  payload         TEXT    NOT NULL,          -- JSON: text, blocks, ...
  file            BLOB,                      -- an upload's bytes
  created_at      INTEGER NOT NULL,
  deadline        INTEGER NOT NULL,
  state           TEXT    NOT NULL,          -- PENDING, SENT, FAILED, EXPIRED, SUPERSEDED
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  channel         TEXT,                      -- where Slack says it went, once sent
  ts              TEXT,
  finished_at     INTEGER
);
CREATE INDEX slack_outbox_pending ON slack_outbox (state, lane, id);

-- Prompts and alert threads posted before the outbox existed, as sent messages, so that their
-- edits and replies find them.
INSERT INTO slack_outbox (lane, kind, msg_key, parent_key, payload, created_at, deadline, state, attempts,
    next_attempt_at, channel, ts, finished_at)
  SELECT prompt_channel, 'POST', 'prompt:' || operation_id, NULL, '{}', created_at, created_at, 'SENT', 1,
      created_at, prompt_channel, prompt_ts, created_at
  FROM approvals WHERE prompt_ts IS NOT NULL;
INSERT INTO slack_outbox (lane, kind, msg_key, parent_key, payload, created_at, deadline, state, attempts,
    next_attempt_at, channel, ts, finished_at)
  SELECT channel, 'POST', 'alert:' || incident || ':' || opened_at, NULL, '{}', opened_at, opened_at, 'SENT', 1,
      opened_at, channel, ts, opened_at
  FROM alert_threads;

-- Each incident people were told of (an instance and a kind of alert) and the thread it is told in:
-- its own, or a summary thread shared by the incidents that began in the same pass.
CREATE TABLE alert_incidents (
  incident          TEXT    PRIMARY KEY,
  thread_key        TEXT    NOT NULL,     -- the outbox key of the thread's first message
  opened_at         INTEGER NOT NULL,
  resolved_at       INTEGER,                 -- NULL while open
  last_mentioned_at INTEGER
);
INSERT INTO alert_incidents (incident, thread_key, opened_at, resolved_at, last_mentioned_at)
  SELECT incident, 'alert:' || incident || ':' || opened_at, opened_at, resolved_at, opened_at FROM alert_threads;
DROP TABLE alert_threads;
