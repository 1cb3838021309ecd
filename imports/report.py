"""What a WordPress import did, item by item, for the editor who ran it."""

from collections import Counter
from dataclasses import dataclass, field

PLACEHOLDER_CREDIT = "Credit needed (imported from WordPress)"


@dataclass
class Report:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (wp id, title, reason)
    statuses: Counter = field(default_factory=Counter)
    photos_imported: int = 0
    photos_without_credit: list = field(default_factory=list)
    photos_missing: list = field(default_factory=list)
    redirects_made: int = 0
    unknown_shortcodes: Counter = field(default_factory=Counter)
    sticky: list = field(default_factory=list)
    without_lead_photo: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # (wp id, title, what happened)
    items_read: int = 0
    attachments: int = 0

    def lines(self):
        yield f"Items read: {self.items_read} (attachments among them: {self.attachments})"
        yield f"Stories imported: {self.imported}, updated: {self.updated}, unchanged: {self.unchanged}"
        yield "By status here: " + (", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none")
        yield f"Skipped: {len(self.skipped)}"
        yield from (f"  #{wp_id} “{title}”: {reason}" for wp_id, title, reason in self.skipped)
        yield f"Photos imported: {self.photos_imported}"
        if self.photos_imported:
            yield "  Their renditions are queued: the task worker builds them; pages show the originals until then"
        yield f"Photos with a placeholder credit (“{PLACEHOLDER_CREDIT}”), to check: {len(self.photos_without_credit)}"
        yield from (f"  {name}" for name in self.photos_without_credit)
        yield f"Photos not found in the media folder: {len(self.photos_missing)}"
        yield from (f"  {name}" for name in self.photos_missing)
        yield f"Redirects made: {self.redirects_made}"
        yield "Unknown shortcodes (removed, their text kept): " + (
            ", ".join(f"[{name}] ×{count}" for name, count in self.unknown_shortcodes.most_common()) or "none"
        )
        yield f"Sticky posts (nothing here pins a story; pin them on the desk if wanted): {len(self.sticky)}"
        yield from (f"  #{wp_id} “{title}”" for wp_id, title in self.sticky)
        yield f"Published without a lead photo: {len(self.without_lead_photo)}"
        yield from (f"  #{wp_id} “{title}”" for wp_id, title in self.without_lead_photo)
        yield f"Notes: {len(self.notes)}"
        yield from (f"  #{wp_id} “{title}”: {note}" for wp_id, title, note in self.notes)
