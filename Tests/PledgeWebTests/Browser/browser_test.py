"""Drives `pledge serve` in headless Chromium the way a reader and an editor use it, and
checks the pages with axe-core in English and Japanese.

    python3 browser_test.py BASE_URL EDITOR_TOKEN SCREENSHOT_FOLDER STATEMENT_FILE REVISION_FILE

Run by BrowserTests.swift, which starts the server, makes the user and writes the two
versions of a statement to upload. Exits non-zero, naming the step, when something a user
would notice is wrong.
"""
import os
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

base, token, shots, statement, revision = sys.argv[1:6]

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2000"]:
    options.add_argument(flag)
# An English-speaking browser first; the header's switch then turns the pages Japanese.
options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
driver.set_page_load_timeout(60)


def check(condition, step):
    if not condition:
        print(f"FAILED: {step}\nat {driver.current_url}\n{driver.page_source[:2000]}", file=sys.stderr)
        driver.quit()
        sys.exit(1)
    print(f"ok: {step}")


def navigate(action):
    """Does what loads a new page (a click, a submit) and waits until the old page has gone,
    so nothing is read from it by mistake on a slow machine."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(old))


def shot(name):
    if shots:
        driver.save_screenshot(os.path.join(shots, name + ".png"))


try:
    # The dashboard draws its charts as inline SVG, with no script.
    driver.get(base + "/")
    check("Commitments as of" in driver.find_element(By.TAG_NAME, "h1").text, "dashboard heading")
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    check(len(charts) >= 3, f"dashboard has its timeline and money charts ({len(charts)} found)")
    check(all(c.size["width"] > 200 and c.size["height"] > 50 for c in charts), "charts are drawn at a readable size")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#timeline rect")) > 3, "timeline has due-date bars")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#money-by-company rect")) > 3, "money chart has bars")
    check("マイクロソフト社" in driver.find_element(By.ID, "money-by-company").text, "money chart names companies")
    shot("dashboard")

    # A Japanese search from the box in the header.
    box = driver.find_element(By.CSS_SELECTOR, "header form.search input[name=q]")
    box.send_keys("量子")
    navigate(box.submit)
    count = driver.find_element(By.ID, "result-count").text
    rows = driver.find_elements(By.CSS_SELECTOR, "li.item-row")
    check(len(rows) >= 2 and count.startswith(f"{len(rows)} items"), f"search for 量子 lists its items ({count})")
    check(all("量子" in r.text for r in rows), "every result holds 量子")
    check("2024-04-10-japan-us#" in rows[0].text, "results link item ids")
    shot("search")

    # Sign in with the editor's token.
    navigate(driver.find_element(By.LINK_TEXT, "Sign in").click)
    driver.find_element(By.ID, "token").send_keys(token)
    navigate(driver.find_element(By.CSS_SELECTOR, "form.signin button").click)
    check("Signed in as" in driver.find_element(By.CSS_SELECTOR, "header .account").text, "signed in")

    # Record an event on an item and see it in its history.
    driver.get(base + "/items/2024-04-10-japan-us%2317")
    check(driver.find_elements(By.ID, "record"), "editor sees the form")
    Select(driver.find_element(By.ID, "status")).select_by_value("in_the_works")
    driver.find_element(By.ID, "note").send_keys("与圧ローバ: 実施取決めに署名 <checked>")
    driver.find_element(By.ID, "evidence_url").send_keys("https://www.mofa.go.jp/example")
    driver.find_element(By.ID, "evidence_title").send_keys("MOFA release")
    navigate(driver.find_element(By.CSS_SELECTOR, "form.record button").click)
    history = driver.find_element(By.ID, "history").text
    check("in the works" in history and "与圧ローバ: 実施取決めに署名 <checked>" in history, "event shows in the history")
    link = driver.find_element(By.CSS_SELECTOR, "#history .evidence a")
    check(link.get_attribute("href") == "https://www.mofa.go.jp/example" and link.text == "MOFA release", "evidence is linked")
    check("in the works" in driver.find_element(By.CSS_SELECTOR, ".facts").text, "current status follows the event")
    shot("item")

    # A later statement reports the QZSS satellites launched: accepted with one click.
    driver.get(base + "/items/2024-04-10-japan-us%2321")
    offers = driver.find_elements(By.CSS_SELECTOR, "#suggestions li.suggestion")
    check(len(offers) == 1 and "Japan launched the second QZSS satellite" in offers[0].text, "a later report is suggested")
    check("No progress recorded yet." in driver.find_element(By.ID, "history").text, "nothing is recorded before an editor decides")
    navigate(offers[0].find_element(By.CSS_SELECTOR, "form.accept button").click)
    history = driver.find_element(By.ID, "history").text
    check("kept" in history and "Reported in Joint Statement on Space Cooperation" in history, "the accepted suggestion is in the history")
    check("kept" in driver.find_element(By.CSS_SELECTOR, ".facts").text, "and sets the status")
    check(not driver.find_elements(By.ID, "suggestions"), "an accepted suggestion is not offered again")

    # The safeguards agreement signed: dismissed, and nothing recorded.
    driver.get(base + "/items/2024-04-10-japan-us%2318")
    offers = driver.find_elements(By.CSS_SELECTOR, "#suggestions li.suggestion")
    check(len(offers) == 1 and "signed the space technology safeguards agreement" in offers[0].text, "a second report is suggested")
    navigate(offers[0].find_element(By.CSS_SELECTOR, "form.dismiss button").click)
    check(not driver.find_elements(By.ID, "suggestions"), "a dismissed suggestion is gone")
    check("No progress recorded yet." in driver.find_element(By.ID, "history").text, "dismissing records nothing")
    shot("suggestions")

    # Add a document: upload, preview, store.
    driver.get(base + "/documents/new")
    driver.find_element(By.ID, "file").send_keys(statement)
    driver.find_element(By.ID, "key").send_keys("jp-au-browser")
    navigate(driver.find_element(By.CSS_SELECTOR, "form.upload button").click)
    check("Nothing is stored yet" in driver.page_source and "a new document" in driver.page_source, "the upload is previewed")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.preview tbody tr")
    check(len(rows) == 3 and "5億ドル" in rows[1].text and "committed" in rows[0].text, f"the preview lists what was read ({len(rows)} items)")
    shot("add-document-preview")
    navigate(driver.find_element(By.XPATH, "//button[text()='Store this document']").click)
    check(driver.current_url.endswith("/documents/jp-au-browser"), "stored, the document's page opens")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".document-text span.item")) == 3, "its items are marked on it")

    # Correct a modality the machine read, with a note.
    driver.get(base + "/items/jp-au-browser%232")
    check("machine-read" in driver.find_element(By.CSS_SELECTOR, ".facts").text, "values say they were machine-read")
    Select(driver.find_element(By.ID, "correct-field")).select_by_value("modality")
    driver.find_element(By.ID, "correct-value").send_keys("intend")
    driver.find_element(By.ID, "correct-note").send_keys("豪州側の発表では意図の表明")
    navigate(driver.find_element(By.CSS_SELECTOR, "#correct button").click)
    facts = driver.find_element(By.CSS_SELECTOR, ".facts").text
    check("intended" in facts and "corrected by Browser Editor" in facts, "the corrected value and who corrected it")
    check("Corrected modality: committed → intended" in driver.find_element(By.ID, "history").text, "the correction is in the history")

    # A revised version: its changes are previewed, and the correction outlives it.
    driver.get(base + "/documents/new")
    driver.find_element(By.ID, "file").send_keys(revision)
    driver.find_element(By.ID, "key").send_keys("jp-au-browser")
    navigate(driver.find_element(By.CSS_SELECTOR, "form.upload button").click)
    changes = driver.find_element(By.CSS_SELECTOR, "table.changes").text
    check("new" in changes and "reworded" not in changes, "the revision's new item is previewed")
    navigate(driver.find_element(By.XPATH, "//button[text()='Store this document']").click)
    driver.get(base + "/items/jp-au-browser%232")
    check("intended" in driver.find_element(By.CSS_SELECTOR, ".facts").text, "the correction survives a new version")

    # Accessibility: no serious or critical axe-core violation on the main pages, in both languages.
    pages = ["/", "/items", "/items/2024-04-10-japan-us%2317", "/documents/2024-04-10-japan-us", "/documents/new"]
    for language in ["en", "ja"]:
        driver.get(base + "/language/" + language)
        for path in pages:
            driver.get(base + path)
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"{path} speaks {language}")
            axe = Axe(driver)
            axe.inject()
            violations = axe.run()["violations"]
            serious = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}" for v in violations if v["impact"] in ("serious", "critical")]
            print(f"axe {language} {path}: {len(violations)} violations, {len(serious)} serious or critical")
            check(not serious, f"axe-core finds nothing serious on {path} in {language}: {serious}")
    # Left in Japanese: the dashboard as a Japanese reader sees it.
    driver.get(base + "/")
    check("時点の約束" in driver.find_element(By.TAG_NAME, "h1").text, "the dashboard in Japanese")
    check("日本語" not in driver.find_element(By.CSS_SELECTOR, "header .account").text
          and "English" in driver.find_element(By.CSS_SELECTOR, "header .account").text, "the switch offers English")
    shot("dashboard-ja")
    driver.get(base + "/language/en")

    # Keyboard alone: Tab reaches the search box, then the first navigation link answers Enter.
    driver.get(base + "/")
    from selenium.webdriver.common.keys import Keys
    body = driver.find_element(By.TAG_NAME, "body")
    reached = []
    for _ in range(12):
        body.send_keys(Keys.TAB) if not reached else driver.switch_to.active_element.send_keys(Keys.TAB)
        reached.append(driver.switch_to.active_element.get_attribute("href") or driver.switch_to.active_element.get_attribute("name") or "")
    check(any(r.endswith("/items") for r in reached) and "q" in reached, f"Tab reaches the links and the search box ({reached})")

    # Readable on a phone: nothing wider than the screen.
    driver.set_window_size(390, 844)
    driver.get(base + "/items")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 400, f"items list fits a phone screen ({width}px)")
    shot("phone")
finally:
    driver.quit()
print("browser test passed")
