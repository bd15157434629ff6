"""sqlite_tuning -- let the services' sqlite databases take concurrent writes.

serve.py calls install() before it imports a service, so every sqlite database that Keystone,
Glance or Nova (API db, cell0, cell1) opens through SQLAlchemy gets:

- PRAGMA journal_mode = WAL: readers no longer block the writer, nor the writer the readers
  (the mode is stored in the database file, so the manage commands and seed_images.py see it
  too);
- PRAGMA busy_timeout: a connection that finds the database locked waits for it (up to
  BUSY_TIMEOUT_MS) instead of failing with "database is locked";
- BEGIN IMMEDIATE instead of oslo.db's BEGIN: oslo.db turns off pysqlite's own transaction
  handling and emits a plain (deferred) BEGIN, so a transaction that reads first holds only a
  read snapshot and, when it then writes while another connection writes, sqlite fails it at
  once with SQLITE_BUSY: the busy timeout is never applied to such an upgrade (it would
  deadlock). Taking the write lock at BEGIN makes every transaction wait its turn instead.
  Transactions are short (milliseconds), so serialising them costs little here.

Only sqlite connections are touched; a service on another database is left alone.
"""
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

BUSY_TIMEOUT_MS = 60000


def _on_connect(dbapi_con, _record):
    if not isinstance(dbapi_con, sqlite3.Connection):
        return
    dbapi_con.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
    dbapi_con.execute("PRAGMA journal_mode = WAL").fetchall()


def _begin_immediate(conn, _cursor, statement, parameters, _context, _executemany):
    if conn.dialect.name == "sqlite" and statement.strip().upper() in ("BEGIN", "BEGIN DEFERRED"):
        statement = "BEGIN IMMEDIATE"
    return statement, parameters


def install():
    event.listen(Pool, "connect", _on_connect)
    event.listen(Engine, "before_cursor_execute", _begin_immediate, retval=True)
