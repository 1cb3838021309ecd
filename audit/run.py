"""`make audit`: axe-core, the Nu HTML Checker and Lighthouse against the seeded demo site; prints the figures."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import demo_site as demo
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ["home", "article", "uk home", "uk article"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
IMPACTS = ["critical", "serious", "moderate", "minor"]


def axe_and_sources(paths, password, out):
    """axe-core on each page; each page's HTML as the server sent it (for the validator)."""
    rows = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=demo.CHROMIUM, args=demo.CHROMIUM_ARGS)
        page = browser.new_page()
        demo.log_in(page, password)  # the admin form needs it; reader pages look the same either way
        for name, path in paths.items():
            page.goto(demo.BASE_URL + path)
            page.wait_for_load_state("networkidle")
            violations = Axe().run(page).response["violations"]
            counts = dict.fromkeys(IMPACTS, 0)
            for violation in violations:
                counts[violation["impact"]] += 1
            found = [f"{v['id']} ({v['impact']})" for v in violations]
            # The page's language as its <html> says, and every lang inside it a language we publish in.
            languages = page.evaluate("[...document.querySelectorAll('[lang]')].map(node => node.lang)")
            if not languages or languages[0].split("-")[0] != demo.page_language(name):
                found.append(f"html lang is {languages[:1]}, not {demo.page_language(name)}")
                counts["serious"] += 1
            strays = sorted({code for code in languages if code.split("-")[0] not in {"en", "uk"}})
            if strays:
                found.append(f"lang attributes {strays}")
                counts["serious"] += 1
            rows[name] = (counts, found)
            source = page.context.request.get(demo.BASE_URL + path).text()
            (out / f"{name.replace(' ', '-')}.html").write_text(source)
        browser.close()
    return rows


def validate(out):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *sorted(map(str, out.glob("*.html")))],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = {}
    for message in messages:
        name = Path(message["url"]).stem.replace("-", " ")
        if message["type"] == "error":
            errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def lighthouse(url, out):
    report = out / "lighthouse.json"
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={demo.CHROMIUM}",
        "--chrome-flags=--headless=new " + " ".join(demo.CHROMIUM_ARGS),
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    subprocess.run(command, check=True)
    data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = [
        f"{audit_id} ({audit['score']})"
        for name in CATEGORIES
        for ref in data["categories"][name]["auditRefs"]
        if ref["weight"]
        and (audit := data["audits"][(audit_id := ref["id"])])["score"] is not None
        and audit["score"] < 1
    ]
    requests = data["audits"]["network-requests"]["details"]["items"]
    weight = sum(item.get("transferSize", 0) for item in requests)
    images = sum(item.get("transferSize", 0) for item in requests if item.get("resourceType") == "Image")
    console = [
        item.get("description", "") for item in data["audits"]["errors-in-console"].get("details", {}).get("items", [])
    ]
    if console:
        print(f"  console errors on {url}: {console}")
    blocking = [item["url"] for item in data["audits"]["render-blocking-resources"].get("details", {}).get("items", [])]
    return scores, failed, weight, images, blocking


def main():
    if not Path(demo.CHROMIUM).exists():
        sys.exit(f"Chromium not found at {demo.CHROMIUM}: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp, demo.running() as password:
        out = Path(tmp)
        paths = demo.page_paths()
        axe = axe_and_sources(paths, password, out)
        errors = validate(out)
        heading = f"{'page':<20} {'axe critical':>12} {'serious':>8} {'moderate':>9} {'minor':>6} {'vnu errors':>11}"
        print(f"\n{heading}  address")
        for name, path in paths.items():
            counts, _ = axe[name]
            print(f"{name:<20} {counts['critical']:>12} {counts['serious']:>8} {counts['moderate']:>9} "
                  f"{counts['minor']:>6} {len(errors.get(name, [])):>11}  {path}")  # fmt: skip
        for name, (_, found) in axe.items():
            if found:
                print(f"  axe on {name}: {', '.join(found)}")
        for name, found in errors.items():
            for error in found:
                print(f"  vnu on {name}: {error}")

        print(f"\nLighthouse {LIGHTHOUSE_VERSION} (mobile emulation, Debian's Chromium)")
        print(f"{'page':<12} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'weight':>9} {'w/o images':>11}  below 1")
        for name in LIGHTHOUSE_PAGES:
            scores, failed, weight, images, blocking = lighthouse(demo.BASE_URL + paths[name], out)
            print(f"{name:<12} {scores['performance']:>5} {scores['accessibility']:>5} {scores['best-practices']:>5} "
                  f"{scores['seo']:>5} {weight / 1024:>7.1f}KB {(weight - images) / 1024:>9.1f}KB  "
                  f"{', '.join(failed) or '-'}")  # fmt: skip
            if blocking:
                print(f"  render-blocking: {', '.join(blocking)}")


LIGHTHOUSE_VERSION = json.loads((HERE / "node_modules" / "lighthouse" / "package.json").read_text())["version"]

if __name__ == "__main__":
    main()
