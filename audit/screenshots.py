"""`make screenshots`: the home and article pages of both editions of the running demo site, desktop and phone,
in docs/screenshots/."""

import demo_site as demo
from playwright.sync_api import sync_playwright

OUT = demo.ROOT / "docs" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with demo.running(), sync_playwright() as playwright:
        paths = demo.page_paths()
        browser = playwright.chromium.launch(executable_path=demo.CHROMIUM, args=demo.CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            phone = device == "phone"
            context = browser.new_context(viewport=viewport, device_scale_factor=1, is_mobile=phone, has_touch=phone)
            page = context.new_page()
            for name in ("home", "article", "uk home", "uk article"):
                page.goto(demo.BASE_URL + paths[name])
                page.wait_for_load_state("networkidle")
                target = OUT / f"{name.replace(' ', '-')}-{device}.png"
                page.screenshot(path=target)
                print(target.relative_to(demo.ROOT))
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
