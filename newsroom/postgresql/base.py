"""Django's PostgreSQL backend, with bulk operations split to fit server-side binding.

With server-side binding (settings: DB_PREPARED_STATEMENTS) every value is a query parameter, and
PostgreSQL takes at most 65,535 in one query; Django 5.2 puts a whole bulk_create(), bulk_update()
or cascade delete's ids in one query.
"""

from django.db.backends.postgresql import base, operations

MAX_QUERY_PARAMETERS = 65_535


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        if not self.connection.settings_dict["OPTIONS"].get("server_side_binding"):
            return super().bulk_batch_size(fields, objs)
        # Two parameters a field: bulk_update() sends each value with its row's id (CASE WHEN id = …
        # THEN …), and passes its fields here with two extra entries of its own.
        return max(1, min(len(objs), MAX_QUERY_PARAMETERS // (2 * max(len(fields), 1))))


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
