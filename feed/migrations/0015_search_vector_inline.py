"""Search documents stored inside the story's row (PostgreSQL's STORAGE MAIN) rather than out of
line in its TOAST table: search tests the document of each story it walks newest first and ranks
the candidates' documents, and fetching each from the TOAST table took more than half that time
(docs/performance.md, "Search over 100,000 stories"). The body, the larger text, goes out of line
instead. Takes effect for each document as it is next written; existing ones stay where they are."""

from django.db import migrations


def storage(mode):
    def alter(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE feed_article ALTER COLUMN search_vector SET STORAGE {mode}")

    return alter


class Migration(migrations.Migration):
    dependencies = [("feed", "0014_redirects")]

    operations = [migrations.RunPython(storage("MAIN"), storage("EXTENDED"))]
