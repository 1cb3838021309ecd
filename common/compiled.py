"""Queries whose SQL Django builds once per process.

Building a QuerySet and compiling it to SQL is Python work Django repeats on every request, however
often the same query has run: the article page's four lists (bylines, topics, corrections, related
links) spent eight times longer there than in the database (docs/performance.md). A CompiledQuery
keeps the SQL of a values_list() query of a fixed shape and runs it with each call's values.

Django has no public way to keep a query's SQL and to turn a cursor's rows into what the QuerySet
would have given: compile() is the one function here that uses its compiler, and
tests/test_compiled_queries.py pins it.
"""

from datetime import UTC, datetime

from django.db import connections, router

# Values no query is ever asked for, so that each stands for one parameter in the SQL built with them.
PLACEHOLDERS = {
    int: lambda number: -1_000_000_007 - number,
    float: lambda number: -1_000_000_007.5 - number,
    str: lambda number: f"\x1fcompiled-query-parameter-{number}",
    datetime: lambda number: datetime(1904, 2, 29, 4, 4, 4, 404_000 + number, tzinfo=UTC),
}


def compile(queryset):
    """(sql, params, convert) of a values_list() QuerySet: the SQL and parameters Django runs for it, and
    a function turning the rows a cursor fetched for that SQL into the tuples the QuerySet gives."""
    compiler = queryset.query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    return sql, list(params), lambda rows: list(compiler.results_iter([rows], tuple_expected=True))


class CompiledQuery:
    """A values_list() query of `model` built by `build(**values)`, whose `parameters` name each value's
    type (int, float, str or datetime). rows(**values) runs it as build(**values) would, with the SQL built once
    per database. What build() returns may depend on nothing but `values`: the language, the time or the
    settings are parameters, or they are fixed."""

    def __init__(self, model, build, **parameters):
        self.model = model
        self.build = build
        self.parameters = parameters
        self.compiled = {}

    def rows(self, **values):
        return self.run(router.db_for_read(self.model), **values)

    def run(self, using, **values):
        compiled = self.compiled.get(using) or self._compile(using)
        sql, params, slots, convert = compiled
        params = list(params)
        adapt = self._adapter(using)
        for index, name in slots:
            params[index] = adapt(values[name])
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return convert(cursor.fetchall())

    def _adapter(self, using):
        operations = connections[using].ops
        return lambda value: operations.adapt_datetimefield_value(value) if isinstance(value, datetime) else value

    def _compile(self, using):
        adapt = self._adapter(using)
        placeholders = {name: PLACEHOLDERS[kind](number) for number, (name, kind) in enumerate(self.parameters.items())}
        sql, params, convert = compile(self.build(**placeholders).using(using))
        by_value = {adapt(value): name for name, value in placeholders.items()}
        slots = [(index, by_value[value]) for index, value in enumerate(params) if _hashable(value) in by_value]
        unused = set(self.parameters) - {name for _, name in slots}
        if unused:
            raise ValueError(f"The query's SQL has no place for {', '.join(sorted(unused))}.")
        taken = {index for index, _ in slots}
        if any(isinstance(value, datetime) for index, value in enumerate(params) if index not in taken):
            # A time read while building (timezone.now()) would stay the first call's for good.
            raise ValueError("The query's SQL holds a time that is not a parameter.")
        self.compiled[using] = sql, params, slots, convert
        return self.compiled[using]


class Layout:
    """One model's columns in a values_list() row (`path` leads from the queried model to it), in the
    order Model.from_db() takes them."""

    def __init__(self, model, fields, path=""):
        self.model = model
        self.names = [field.attname for field in model._meta.concrete_fields if field.attname in fields]
        self.columns = [f"{path}{name}" for name in self.names]
        self.key = self.names.index(model._meta.pk.attname)

    def instance(self, using, values):
        """The instance these values load, or None where a LEFT JOIN found no row."""
        return None if values[self.key] is None else self.model.from_db(using, self.names, values)


class CompiledInstances(CompiledQuery):
    """A CompiledQuery of the QuerySet `build(**values)` gives, reading the columns of `layouts`, then the
    annotations named in `extra`: each row as a tuple of instances, one per layout, then those values."""

    def __init__(self, model, build, layouts, extra=(), **parameters):
        columns = [column for layout in layouts for column in layout.columns] + list(extra)
        super().__init__(model, lambda **values: build(**values).values_list(*columns), **parameters)
        self.layouts = []
        start = 0
        for layout in layouts:
            self.layouts.append((layout, slice(start, start + len(layout.columns))))
            start += len(layout.columns)
        self.extra_at = slice(start, None)

    def instances(self, **values):
        using = router.db_for_read(self.model)
        return [
            (*(layout.instance(using, row[values_at]) for layout, values_at in self.layouts), *row[self.extra_at])
            for row in self.run(using, **values)
        ]


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return None
    return value
