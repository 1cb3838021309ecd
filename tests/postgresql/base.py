"""newsroom.postgresql for the test suite, emptying the tables with DELETE rather than TRUNCATE.

The live-server tests empty the database after each test (Django's flush, 90 tests). TRUNCATE of every
table took 0.11-0.2 s on PostgreSQL, DELETE of the few rows a test leaves 0.016 s. Pinned by
tests/test_flush.py.
"""

from newsroom.postgresql import base


class DatabaseOperations(base.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # In any order: Django's foreign keys are checked at the end of the flush's transaction.
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
