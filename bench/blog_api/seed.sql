-- The load test's data, on the schema the C++ server created: 10,000 users (one Argon2id hash,
-- :'hash', for all), 50 tags, 100,000 posts (90% published, one or two tags each) and 500,000
-- comments. Deterministic.
BEGIN;
INSERT INTO users (id, username, email, password_hash, is_active, created_at)
OVERRIDING SYSTEM VALUE
SELECT n, 'user' || n, 'user' || n || '@example.com', :'hash', true,
       timestamp '2026-01-01' + n * interval '1 minute'
FROM generate_series(1, 10000) n;
INSERT INTO tags (id, name) OVERRIDING SYSTEM VALUE
SELECT n, 'tag' || n FROM generate_series(1, 50) n;
INSERT INTO posts (id, author_id, title, body, published, created_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT n, 1 + (n * 7919) % 10000, 'Post number ' || n,
       repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 8), n % 10 <> 0,
       timestamp '2026-01-01' + n * interval '1 second',
       timestamp '2026-01-01' + n * interval '1 second'
FROM generate_series(1, 100000) n;
INSERT INTO post_tags (post_id, tag_id)
SELECT n, 1 + n % 50 FROM generate_series(1, 100000) n
UNION ALL
SELECT n, 1 + (n * 13 + 7) % 50 FROM generate_series(1, 100000) n
WHERE (n * 13 + 7) % 50 <> n % 50 AND n % 3 = 0;
INSERT INTO comments (id, post_id, author_id, body, created_at) OVERRIDING SYSTEM VALUE
SELECT n, 1 + (n * 7) % 100000, 1 + (n * 31) % 10000, 'Comment number ' || n,
       timestamp '2026-02-01' + n * interval '100 milliseconds'
FROM generate_series(1, 500000) n;
SELECT setval(pg_get_serial_sequence('users', 'id'), 10000);
SELECT setval(pg_get_serial_sequence('tags', 'id'), 50);
SELECT setval(pg_get_serial_sequence('posts', 'id'), 100000);
SELECT setval(pg_get_serial_sequence('comments', 'id'), 500000);
COMMIT;
VACUUM ANALYZE;  -- as autovacuum would have by now: visibility maps set, statistics read
