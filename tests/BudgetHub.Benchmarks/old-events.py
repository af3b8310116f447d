"""Adds old raw usage events straight to the benchmark's SQLite file, for retention to prune.

    python3 old-events.py <database> <count>
"""
import sqlite3
import sys

database, count = sys.argv[1], int(sys.argv[2])
connection = sqlite3.connect(database, timeout=60)
account = connection.execute("SELECT Id FROM Accounts ORDER BY Id LIMIT 1").fetchone()[0]
with connection:
    connection.executemany(
        """INSERT INTO UsageEvents (AccountId, EventId, Timestamp, ReceivedAt, BotKey, InputTokens, CachedInputTokens,
               OutputTokens, Messages, CostMicros, Priced, IsError)
           VALUES (?, ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00', 'old-bot', 100, 0, 10, 1, 10, 1, 0)""",
        ((account, f"old-{i}") for i in range(count)))
print(connection.execute("SELECT count(*) FROM UsageEvents WHERE Timestamp < '2025-02-01'").fetchone()[0])
