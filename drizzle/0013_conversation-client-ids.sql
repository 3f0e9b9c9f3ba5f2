-- Backfill conversations.client_message_id from each thread's first citizen message, so a
-- retry of a send made before this migration still finds its thread. Where the old race had
-- already created several threads for one (citizen, id), only the earliest gets it (the
-- unique index allows one).
UPDATE conversations
SET client_message_id = (
  SELECT m.client_message_id FROM messages m
  WHERE m.conversation_id = conversations.id AND m.author_role = 'citizen' AND m.client_message_id IS NOT NULL
  ORDER BY m.created_at LIMIT 1
)
WHERE client_message_id IS NULL
  AND id = (
    SELECT c2.id FROM conversations c2
    JOIN messages m2 ON m2.conversation_id = c2.id AND m2.author_role = 'citizen'
    WHERE c2.citizen_id = conversations.citizen_id
      AND m2.client_message_id = (
        SELECT m.client_message_id FROM messages m
        WHERE m.conversation_id = conversations.id AND m.author_role = 'citizen' AND m.client_message_id IS NOT NULL
        ORDER BY m.created_at LIMIT 1
      )
    ORDER BY c2.created_at, c2.id LIMIT 1
  );
