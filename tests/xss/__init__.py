"""The stored-XSS payload corpus (payloads.txt) and the browser oracle that proves none of it runs."""

import os
from pathlib import Path

PAYLOAD_FILE = Path(__file__).with_name("payloads.txt")


def load_payloads():
    """[(number, payload)], number counted from 1 over the payload lines; "# " lines name a family.

    Split on "\\n" only: some payloads hold U+2028, U+2029 or form feeds, which str.splitlines() would cut.
    """
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").split("\n")
    payloads = [line for line in lines if line and not line.startswith("# ")]
    return list(enumerate(payloads, start=1))


def payloads_of_this_run():
    """What tests/test_xss_forms.py types and tests/browser/test_xss.py renders: every tenth payload (each
    family keeps one or more) under `make test`, every payload with XSS_PAYLOADS=all, as `make fuzz`
    (so CI) runs them."""
    payloads = load_payloads()
    if os.environ.get("XSS_PAYLOADS", "sample") == "all":
        return payloads
    return [(number, text) for number, text in payloads if number % 10 == 0]


def pack(payloads, max_length, separator=" "):
    """Payload texts joined into as few strings of at most max_length as a greedy fill allows, so that
    one short field (a headline, a role) carries several; a payload longer than the field is cut."""
    packed, current = [], ""
    for _number, text in payloads:
        text = text[:max_length]
        if current and len(current) + len(separator) + len(text) > max_length:
            packed.append(current)
            current = ""
        current = f"{current}{separator}{text}" if current else text
    if current:
        packed.append(current)
    return packed


# Run in every frame of a page after it loads. Finds payload markup that became live: an event-handler or
# style attribute carrying the marker, a script that would run it, a URL attribute with a script-capable
# scheme (checked instead of clicking every link: clicking navigates away and misses links that are not
# visible), and elements that can load or redirect to script (srcdoc frames, <base>, meta refresh, plugins).
DOM_SCAN = r"""() => {
  const found = [];
  const scriptScheme = /^(javascript|data|vbscript|livescript):/i;
  const urlAttributes = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster",
    "background", "dynsrc", "lowsrc", "code", "ping", "cite", "codebase", "srcset"]);
  const describe = (element) => element.outerHTML.slice(0, 160);
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name.startsWith("on") && value.includes("__xss")) found.push(`handler ${name}: ${describe(element)}`);
      else if (name === "style" && value.includes("__xss")) found.push(`style: ${describe(element)}`);
      else if (name === "srcdoc") found.push(`srcdoc: ${describe(element)}`);
      // Browsers drop ASCII whitespace and control characters anywhere in a scheme.
      else if (urlAttributes.has(name) && scriptScheme.test(value.replace(/[\u0000-\u0020]/g, "")))
        found.push(`${name} scheme: ${describe(element)}`);
    }
    const tag = element.localName;
    const type = (element.getAttribute("type") || "").toLowerCase();
    if (tag === "script" && type !== "application/ld+json" && element.textContent.includes("__xss"))
      found.push(`script: ${describe(element)}`);
    if (["base", "object", "embed", "applet", "frameset", "iframe"].includes(tag))
      found.push(`element <${tag}>: ${describe(element)}`);
    if (tag === "meta" && (element.getAttribute("http-equiv") || "").toLowerCase() === "refresh")
      found.push(`meta refresh: ${describe(element)}`);
  }
  return found;
}"""


class XssOracle:
    """Watches one browser context: alert/confirm/prompt dialogs, calls of the payloads' __xss(N)
    marker from any frame, and live payload markup found by DOM_SCAN after each page load."""

    def __init__(self, context):
        self.dialogs = []
        self.hits = []
        self.live_markup = []
        self.broken = []  # pages that answered with an unexpected status or malformed XML
        self.loads = 0
        context.expose_binding("__xss", lambda source, number: self.hits.append((number, source["frame"].url)))
        context.on("page", self.watch)

    def watch(self, page):
        page.on("dialog", lambda dialog: self._dialog(page, dialog))

    def _dialog(self, page, dialog):
        self.dialogs.append((dialog.message, page.url))
        dialog.dismiss()

    def scan(self, page):
        """DOM_SCAN over every frame of `page`; returns and records what it found."""
        found = []
        for frame in page.frames:
            try:
                found += [f"{page.url} [{frame.url}] {item}" for item in frame.evaluate(DOM_SCAN)]
            except Exception as error:  # a frame that navigated away meanwhile is itself a finding
                found.append(f"{page.url} [{frame.url}] frame could not be scanned: {error}")
        self.live_markup += found
        return found

    def visit(self, page, url, expect_status=(200,)):
        response = page.goto(url, wait_until="load")
        self.loads += 1
        if response is None or response.status not in expect_status:
            self.broken.append((url, response and response.status))
        self.scan(page)
        return response

    def findings(self):
        return {
            "dialogs": self.dialogs,
            "marker calls": self.hits,
            "live markup": self.live_markup,
            "broken pages": self.broken,
        }

    def clean(self):
        return not any(self.findings().values())
