#!/usr/bin/env python3
"""The web application driven in a real browser, as the department would use it.

Starts `qmsforms serve` on a free loopback port against a fresh workspace and drives headless
Chromium (Selenium, the system's chromium and chromedriver, no network) through: accounts, sign
in, an 8D typed from empty with a mistake, the problem shown next to its field and fixed, a
draft, the print preview, issue, finding it by a Chinese word, its PDF (poppler: the record
number on every page), a document revision prepared, reviewed and approved by three different
people and released, a forbidden action refused for a fourth; the fill-and-issue path again with
JavaScript off; the injection corpus typed into every kind of field. Screenshots of the main
pages go to $QMS_SCREENSHOTS (default docs/web/), the HTML of the application's pages as the
server sent them to its pages/ folder (the Nu checker judges them in BrowserSuiteTests).

    python3 Tests/browser/web_suite.py [path/to/qmsforms]

Exit status 0 when every check held; the first failed check is printed and the status is 1.
"""
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import yaml
from form_paths import entries
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/qmsforms")
SHOTS = os.environ.get("QMS_SCREENSHOTS", os.path.join(ROOT, "docs/web"))
ATTACKS = os.path.join(os.path.dirname(ROOT), "shared/testdata/attacks/markup-injection.txt")
PASSWORD = "correct-horse-battery"


class CheckFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise CheckFailed(what)
    print("ok  " + what, flush=True)


def qmsforms(*args, stdin=None, workspace=None):
    env = dict(os.environ, QMS_USER="admin")
    command = [BINARY, *args] + (["--workspace", workspace] if workspace else [])
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise CheckFailed(f"{' '.join(command)} failed: {done.stderr}")
    return done.stdout


class Server:
    """`qmsforms serve --port 0` on a fresh workspace with the department's accounts."""

    PEOPLE = [  # name, display, department, roles
        ("wang", "王芳", "供销部", ["record"]),
        ("li", "李强", "质管部", ["record", "review"]),
        ("chen", "陈刚", "质管部", ["review"]),
        ("zhou", "周建国", "总经办", ["approve", "release"]),
        ("sun", "孙丽", "生产部", ["record"]),
    ]

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="qms-web-")
        self.workspace = os.path.join(self.folder, "ws")
        qmsforms("init", self.workspace)
        qmsforms("ca", "init", workspace=self.workspace)   # accounts added after it get a signing key
        for name, display, dept, roles in self.PEOPLE:
            args = ["user", "add", name, "--display", display, "--dept", dept, "--password-stdin"]
            for role in roles:
                args += ["--role", role]
            qmsforms(*args, stdin=PASSWORD + "\n", workspace=self.workspace)
        # What the server prints goes to a file: a pipe nobody reads would fill and stop it.
        self.log = os.path.join(self.folder, "serve.log")
        with open(self.log, "w") as out:
            self.process = subprocess.Popen([BINARY, "serve", "--workspace", self.workspace, "--port", "0"],
                                            stdout=out, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        said = ""
        while time.time() < deadline:
            said = open(self.log, encoding="utf-8", errors="replace").read()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", said)
            if match:
                self.base = match.group(0)
                return
            time.sleep(0.1)
        raise CheckFailed("qmsforms serve did not say where it listens: " + said)

    def stop(self):
        errors = [l for l in open(self.log, encoding="utf-8", errors="replace") if " error " in l and "CancellationError" not in l]
        if errors:
            print("server log:\n" + "".join(errors[-20:]), file=sys.stderr)
        self.process.terminate()
        self.process.wait(timeout=20)
        shutil.rmtree(self.folder, ignore_errors=True)


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1800", "--lang=zh-CN"]:
        options.add_argument(a)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh",
                                              "profile.managed_default_content_settings.javascript": 1 if javascript else 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


class Person:
    """One person at one browser."""

    def __init__(self, server, name, javascript=True):
        self.server, self.name = server, name
        self.driver = browser(javascript)

    def until(self, condition, what):
        """Waits for `condition`; a timeout fails the check with what the page says."""
        try:
            # Generous: under a loaded CI machine a release takes seconds; a condition that holds returns at once.
            # A page being replaced mid-check raises "stale element": look again, as for one not there yet.
            WebDriverWait(self.driver, 60, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException]).until(
                lambda d: condition(d))
        except Exception:
            summary = self.driver.find_elements(By.ID, "summary")
            said = summary[0].text if summary else self.driver.find_element(By.TAG_NAME, "body").text[:1500]
            raise CheckFailed(f"{what} (at {self.driver.current_url}: {said})")

    def press(self, element_id):
        """Clicks the button `element_id` and waits until the page it submits has replaced this one."""
        button = self.driver.find_element(By.ID, element_id)
        button.click()

        def replaced(_):
            try:
                button.is_enabled()
                return False
            except StaleElementReferenceException:
                return True
        self.until(replaced, f"the page after {element_id} loads")

    def go(self, path):
        self.driver.get(self.server.base + path.lstrip("/"))

    def sign_in(self):
        self.go("/signin")
        self.driver.find_element(By.ID, "name").send_keys(self.name)
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        self.driver.find_element(By.CSS_SELECTOR, "form.signin button").click()
        self.until(lambda d: "/signin" not in d.current_url, '"/signin" not in d.current_url')

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        height = self.driver.execute_script("return document.documentElement.scrollHeight") if self.js else 1800
        self.driver.set_window_size(1280, min(max(int(height or 1800), 900), 2400))
        self.driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
        self.driver.set_window_size(1280, 1800)

    @property
    def js(self):
        try:
            return self.driver.execute_script("return document.documentElement.classList.contains('js')") is True
        except Exception:
            return False

    def keep_page(self, name, path):
        """The page's HTML as the server sent it, for the Nu checker (run by BrowserSuiteTests)."""
        status, _, body = self.fetch(path)
        check(status == 200, f"{path} answers 200")
        os.makedirs(os.path.join(SHOTS, "pages"), exist_ok=True)
        with open(os.path.join(SHOTS, "pages", name + ".html"), "wb") as f:
            f.write(body)

    def field(self, path):
        return self.driver.find_element(By.CSS_SELECTOR, f'[name="{path}"]')

    def problems_at(self, path):
        return self.driver.find_element(By.CSS_SELECTOR, f'ul.problems[data-for="{path}"]').text

    def fetch(self, path):
        """GET with this browser's session cookie, outside the browser (a download)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(self.server.base + path.lstrip("/"), headers={"Cookie": cookie})
        with opener.open(request) as response:
            return response.status, response.headers, response.read()

    def no_alert(self):
        try:
            self.driver.switch_to.alert
            return False
        except NoAlertPresentException:
            return True

    def quit(self):
        self.driver.quit()


def type_record(person, data, skip=(), keys=lambda path: True):
    """Puts `data` into the form as a person would: rows added where a table needs more, options
    chosen from their lists, boxes ticked. Text goes in by keystrokes where `keys(path)` says so,
    else set at once (with the input event a keystroke sends): typing a whole 8D key by key
    takes minutes and proves nothing more."""
    driver = person.driver
    for path, value in entries(data):
        if path in skip:
            continue
        for table, row in re.findall(r"([^\[\]]+)\[(\d+)\]", path)[:1]:
            rows = driver.find_elements(By.CSS_SELECTOR, f'table[data-table="{table}"] > tbody > tr')
            while len(rows) < int(row):
                driver.find_element(By.CSS_SELECTOR, f'button[data-add-row="{table}"]').click()
                rows = driver.find_elements(By.CSS_SELECTOR, f'table[data-table="{table}"] > tbody > tr')
        found = driver.find_elements(By.CSS_SELECTOR, f'[name="{path}"]')
        if not found:
            raise CheckFailed(f"the page has no field {path}")
        element = found[0]
        if element.tag_name == "select":
            menu = Select(element)
            codes = [o.get_attribute("value") for o in menu.options]
            if value in codes:
                menu.select_by_value(value)
            else:
                label = next((o for o in menu.options if o.text.split(" ")[0] == value or value in o.text), None)
                if label is None:
                    raise CheckFailed(f"{path}: the list has no option {value}")
                menu.select_by_visible_text(label.text)
        elif element.get_attribute("type") == "checkbox":
            box = next((b for b in found if b.get_attribute("value") == value), None) or next(
                (b for b in found if b.find_element(By.XPATH, "..").text.split(" ")[0] == value), None)
            if box is None:
                raise CheckFailed(f"{path}: no option {value} to tick")
            if not box.is_selected():
                box.click()
        elif keys(path):
            element.clear()
            element.send_keys(value)
        else:
            driver.execute_script("arguments[0].value = arguments[1];"
                                  "arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", element, value)


FILL = """
var pairs = arguments[0], missing = [];
pairs.forEach(function (pair) {
  var path = pair[0], value = pair[1];
  var m = /^([^\\[\\]]+)\\[(\\d+)\\]/.exec(path);
  if (m) {
    var table = document.querySelector('table[data-table="' + CSS.escape(m[1]) + '"]');
    while (table && table.tBodies[0].rows.length < +m[2]) {
      document.querySelector('button[data-add-row="' + CSS.escape(m[1]) + '"]').click();
    }
  }
  var found = document.querySelectorAll('[name="' + CSS.escape(path) + '"]');
  if (!found.length) { missing.push(path); return; }
  var e = found[0];
  if (e.tagName === 'SELECT') {
    var o = Array.prototype.find.call(e.options, function (o) { return o.value === value; })
         || Array.prototype.find.call(e.options, function (o) { return o.text.split(' ')[0] === value || o.text.indexOf(value) >= 0; });
    if (!o) { missing.push(path + '=' + value); return; }
    e.value = o.value;
  } else if (e.type === 'checkbox') {
    var box = Array.prototype.find.call(found, function (b) { return b.value === value || b.parentNode.textContent.trim().split(' ')[0] === value; });
    if (!box) { missing.push(path + '=' + value); return; }
    box.checked = true;
  } else {
    e.value = value;
  }
  e.dispatchEvent(new Event('change', {bubbles: true}));
});
return missing;
"""


def fill_record(person, data, skip=()):
    """Puts `data` into the form at once, in the page (rows added, options chosen, boxes ticked)."""
    missing = person.driver.execute_script(FILL, [[p, v] for p, v in entries(data) if p not in skip])
    if missing:
        raise CheckFailed("the page has no field or option for " + ", ".join(missing))


def example(name):
    with open(os.path.join(ROOT, "forms/examples", name + ".yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def pdf_pages(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout).group(1))
        return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", f.name, "-"], capture_output=True, text=True).stdout
                for p in range(1, pages + 1)]


def eight_d_from_empty(server):
    li = Person(server, "li")
    try:
        li.sign_in()
        check("李强" in li.driver.page_source and li.driver.find_element(By.CSS_SELECTOR, "h1").text.startswith("我的工作"),
              "li signs in and sees his home page, in Chinese (Accept-Language zh)")
        li.shot("home")
        li.go("/forms/8d/new")
        data = example("8d")
        # The mistake: a complaint date that is no date.
        type_record(li, data, skip={"header.complaint_date"}, keys=lambda path: path.startswith(("header.", "d0.", "d1.")))
        li.field("header.complaint_date").send_keys("2026-02-30")
        li.until(lambda d: li.problems_at("header.complaint_date") != "", 'li.problems_at("header.complaint_date") != ""')
        check("date" in li.problems_at("header.complaint_date") or "日期" in li.problems_at("header.complaint_date"),
              "the live check shows the library's problem next to header.complaint_date: " + li.problems_at("header.complaint_date"))
        li.shot("8d-problem")
        li.field("header.complaint_date").clear()
        li.field("header.complaint_date").send_keys(str(data["header"]["complaint_date"]))
        li.until(lambda d: li.problems_at("header.complaint_date") == "", 'li.problems_at("header.complaint_date") == ""')
        li.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .valid"), "the page says the record is valid")
        check(True, "fixed: the problem is gone and the page says the record is valid")
        status = li.driver.find_element(By.CSS_SELECTOR, 'output[data-path="header.status"]').text
        check(status.strip() != "" and "valid" not in status, "the computed status is shown as the library computes it: " + status)
        li.shot("8d-valid")

        li.driver.find_element(By.CSS_SELECTOR, 'button[value="draft"]').click()
        li.until(lambda d: "draft=" in d.current_url, '"draft=" in d.current_url')
        check(li.field("d2.statement").get_attribute("value") == data["d2"]["statement"].strip()
              or li.field("d2.statement").get_attribute("value").strip() == data["d2"]["statement"].strip(),
              "the draft is saved on the server and comes back with what was typed")
        li.go("/drafts")
        check(len(li.driver.find_elements(By.CSS_SELECTOR, "#drafts tbody tr")) == 1, "the draft is listed under li's drafts")
        li.driver.find_element(By.CSS_SELECTOR, "#drafts tbody a").click()

        li.driver.find_element(By.CSS_SELECTOR, 'button[value="preview"]').click()
        check("8D" in li.driver.title or "8D" in li.driver.page_source, "the print preview is the library's print page")
        check("HV-200" in li.driver.page_source, "the preview shows the record's values")
        li.shot("8d-preview")
        li.driver.back()

        li.until(lambda d: d.find_element(By.CSS_SELECTOR, 'button[value="issue"]'), 'd.find_element(By.CSS_SELECTOR, \'button[value="issue"]\')')
        li.driver.find_element(By.CSS_SELECTOR, 'button[value="issue"]').click()
        li.until(lambda d: "/records/" in d.current_url, '"/records/" in d.current_url')
        number = li.driver.current_url.rsplit("/", 1)[1]
        check(re.fullmatch(r"8D-\d{4}-\d{3}", number) is not None, "issued into the archive as " + number)
        check("李强" in li.driver.find_element(By.ID, "audit").text, "the audit trail names the signed-in user 李强")
        li.shot("record")
        li.go("/drafts")
        check(len(li.driver.find_elements(By.CSS_SELECTOR, "#drafts tbody tr")) == 0, "issuing ended the draft")

        li.go("/archive")
        li.driver.find_element(By.ID, "q-q").send_keys("划伤")
        li.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        li.until(lambda d: d.find_element(By.ID, "results"), 'd.find_element(By.ID, "results")')
        check(number in li.driver.find_element(By.ID, "results").text, f"found {number} by the Chinese word 划伤")
        li.shot("archive-search")
        for name, path in [("home", "/"), ("new-8d", "/forms/8d/new"), ("record", f"/records/{number}"), ("forms", "/forms"),
                           ("archive", "/archive?q=" + urllib.parse.quote("划伤")), ("documents", "/documents"),
                           ("document", "/documents/8d"), ("reports", "/reports"), ("open-actions", "/reports/open-actions"),
                           ("drafts", "/drafts"), ("account", "/account")]:
            li.keep_page(name, path)

        status, headers, pdf = li.fetch(f"/records/{number}/pdf")
        check(status == 200 and headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF"), "its PDF downloads")
        pages = pdf_pages(pdf)
        check(len(pages) >= 2 and all(number in p for p in pages), f"the record number is on every one of the {len(pages)} pages (pdftotext)")
        status, _, xml = li.fetch(f"/records/{number}/xml")
        check(status == 200 and f"<record_no>{number}</record_no>".encode() in xml or number.encode() in xml, "its XML downloads")
        return number
    finally:
        li.quit()


def document_revision(server):
    # A person edits the working copy of the feedback form (a hint), as document control expects.
    path = os.path.join(server.workspace, "forms/feedback.xml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    changed = re.sub(r'(<text id="customer"[^>]*?)/>', r'\1 hint-zh="填写全称" hint-en="full name"/>', text, count=1)
    check(changed != text, "the working copy of forms/feedback.xml is edited (a hint for the customer's name)")
    with open(path, "w", encoding="utf-8") as f:
        f.write(changed)

    li, chen, zhou, sun = (Person(server, n) for n in ("li", "chen", "zhou", "sun"))
    try:
        for p in (li, chen, zhou, sun):
            p.sign_in()
        li.go("/documents/feedback")
        li.driver.find_element(By.ID, "summary").send_keys("顾客名称填写全称")
        li.driver.find_element(By.ID, "pages").send_keys("P1")
        li.driver.find_element(By.ID, "order").send_keys("DCR-2026-007")
        li.driver.find_element(By.ID, "revise").click()
        li.until(lambda d: d.find_element(By.ID, "approve"), 'd.find_element(By.ID, "approve")')
        check("A/1" in li.driver.find_element(By.ID, "approve").text, "li revises the feedback form: draft A/1 waits for its signatures")
        li.driver.find_element(By.ID, "approve-password").send_keys(PASSWORD)   # an approval is a signature: the password again
        li.press("approve")   # prepared
        li.until(lambda d: "编制" in d.page_source and "李强" in d.page_source, '"编制" in d.page_source and "李强" in d.page_source')
        li.driver.find_element(By.ID, "approve-password").send_keys(PASSWORD)
        li.driver.find_element(By.ID, "approve").click()   # li again, as reviewer: refused
        li.until(lambda d: d.title[:3] in ("403", "409"), "li's second signature is refused")
        check("409" in li.driver.title or "403" in li.driver.title, "li may not also review what he prepared: " + li.driver.title)
        check("three different people" in li.driver.page_source, "the refusal says why (segregation of duties)")

        sun.go("/documents/feedback")
        sun.driver.find_element(By.ID, "approve-password").send_keys(PASSWORD)
        sun.driver.find_element(By.ID, "approve").click()
        sun.until(lambda d: d.title[:3].isdigit(), "sun's signature is answered")
        check(sun.driver.title.startswith("403"), "sun (record only) is refused with 403 when she tries to review: " + sun.driver.title)

        chen.go("/")
        check("SG-QR" in chen.driver.find_element(By.ID, "waiting").text, "chen's home page lists the revision waiting for his review")
        chen.go("/documents/feedback")
        chen.driver.find_element(By.ID, "approve-password").send_keys(PASSWORD)
        chen.driver.find_element(By.ID, "approve").click()   # reviewed
        chen.until(lambda d: "审核" in d.page_source and "陈刚" in d.page_source, '"审核" in d.page_source and "陈刚" in d.page_source')
        zhou.go("/documents/feedback")
        zhou.driver.find_element(By.ID, "approve-password").send_keys("not-my-password")
        zhou.press("approve")
        check(zhou.driver.title.startswith("409") and "nothing was signed" in zhou.driver.page_source,
              "zhou's approval with a wrong password is refused: " + zhou.driver.title)
        zhou.go("/documents/feedback")
        zhou.driver.find_element(By.ID, "approve-password").send_keys(PASSWORD)
        zhou.driver.find_element(By.ID, "approve").click()   # approved
        zhou.until(lambda d: d.find_element(By.ID, "release"), 'd.find_element(By.ID, "release")')
        zhou.shot("document-approved")
        zhou.driver.find_element(By.ID, "release").click()
        zhou.until(lambda d: "A/1 · effective" in d.find_element(By.CSS_SELECTOR, ".docno").text, "A/1 is released and effective")
        zhou.go("/documents")
        check("A/1" in zhou.driver.find_element(By.ID, "register").text, "zhou releases A/1: the register shows it")
        zhou.shot("register")
        log = open(os.path.join(server.workspace, "archive/audit.log"), encoding="utf-8").read() if os.path.exists(
            os.path.join(server.workspace, "archive/audit.log")) else ""
        if log:
            check(all(n in log for n in ("李强", "陈刚", "周建国")), "the audit trail names the three signers as signed in")
        approvals = [l for l in log.splitlines() if '"action":"approve"' in l]
        check(len(approvals) == 3 and all("signed electronically: " in l for l in approvals),
              "each of the three approvals is an electronic signature carried in its audit entry")
        verified = subprocess.run([BINARY, "archive", "verify", "--workspace", server.workspace], capture_output=True, text=True)
        check(verified.returncode == 0, "archive verify checks the record's and the approvals' signatures: " + verified.stderr)
    finally:
        for p in (li, chen, zhou, sun):
            p.quit()


def without_javascript(server):
    wang = Person(server, "wang", javascript=False)
    try:
        wang.sign_in()
        wang.go("/forms/feedback/new")
        check(not wang.js, "this browser runs no script")
        data = example("feedback")
        type_record(wang, data, skip={"a.customer"})
        wang.driver.find_element(By.CSS_SELECTOR, 'button[value="issue"]').click()
        wang.until(lambda d: d.find_elements(By.CSS_SELECTOR, 'ul.problems[data-for="a.customer"] li'),
                   "without scripts, issuing an incomplete record answers with the page and the problem at a.customer")
        check("/forms/feedback" in wang.driver.current_url and "required" in wang.problems_at("a.customer"),
              "without scripts, issuing an incomplete record answers with the page and the problem at a.customer: "
              + wang.problems_at("a.customer"))
        check(wang.field("a.order_no").get_attribute("value") == str(data["a"]["order_no"]), "what was typed is kept")
        wang.shot("feedback-no-script")
        wang.field("a.customer").send_keys(data["a"]["customer"])
        wang.driver.find_element(By.CSS_SELECTOR, 'button[value="issue"]').click()
        wang.until(lambda d: "/records/FK-" in d.current_url, '"/records/FK-" in d.current_url')
        check(True, "fixed and issued without scripts: " + wang.driver.current_url.rsplit("/", 1)[1])
    finally:
        wang.quit()


def injected(person, where):
    """No script ran and no element came from a value: the page shows values as text."""
    check(person.no_alert(), f"{where}: no script ran")
    count = person.driver.execute_script(
        "return document.querySelectorAll('main script, main img, main iframe, main style, body > script, main a[href^=\"javascript\"]').length")
    check(count == 0, f"{where}: no element was injected into the page")


def injection(server):
    """Each line of the corpus typed into every kind of field: checked, issued, shown, printed, found."""
    attacks = [line.rstrip("\n") for line in open(ATTACKS, encoding="utf-8") if line.strip()]
    li = Person(server, "li")
    try:
        li.sign_in()
        data = example("feedback")
        for i, attack in enumerate(attacks, 1):
            li.go("/forms/feedback/new")
            fill_record(li, data)
            texts = li.driver.find_elements(By.CSS_SELECTOR, 'form.record input[type="text"]:not(.date):not(.number):not(.ref), form.record textarea')
            for element in texts:
                li.driver.execute_script("arguments[0].value = arguments[1]", element, attack)
            # Other kinds take the attack as a posted value, as a hand-made request would send it.
            li.driver.execute_script("""
                var a = arguments[0];
                document.querySelectorAll('form.record select').forEach(function (s) { var o = document.createElement('option'); o.value = a; s.appendChild(o); s.value = a; });
                document.querySelectorAll('form.record input[type="checkbox"]').forEach(function (c) { c.value = a; c.checked = true; });
                document.querySelectorAll('form.record input.date, form.record input.number, form.record input.ref').forEach(function (e) { e.value = a; });
                """, attack)
            li.driver.find_element(By.CSS_SELECTOR, 'button[value="check"]').click()
            li.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#summary li"), f"attack {i}: the check answers with problems")
            injected(li, f"attack {i} in every kind of field, checked")
            check(attack in li.field("a.customer").get_attribute("value") if len(attack) <= 100 else True,
                  f"attack {i}: the value comes back as typed")
            # A valid record with the attack in every text field: issued, then its pages.
            li.go("/forms/feedback/new")
            fill_record(li, data)
            # Free text takes any characters: the customer, the product and every multi-line field.
            free = [li.field("a.customer"), li.field("a.product")] + li.driver.find_elements(By.CSS_SELECTOR, "form.record textarea")
            for element in free:
                li.driver.execute_script("arguments[0].value = arguments[1]", element, attack)
            li.driver.find_element(By.CSS_SELECTOR, 'button[value="issue"]').click()
            li.until(lambda d: "/records/" in d.current_url or d.find_elements(By.CSS_SELECTOR, "#summary li"), f"attack {i}: issue answers")
            if "/records/" not in li.driver.current_url:
                problems = li.driver.find_element(By.ID, "summary").text
                injected(li, f"attack {i} in free text, refused at issue")
                check(len(attack) > 100, f"attack {i} in free text is refused only when longer than the field allows: {problems}")
                continue
            number = li.driver.current_url.rsplit("/", 1)[1]
            injected(li, f"attack {i} issued as {number}: its record page")
            li.go(f"/records/{number}/print")
            injected(li, f"attack {i}: {number}'s print page")
            check(attack in li.driver.find_element(By.TAG_NAME, "body").text or len(attack) > 100, f"attack {i}: the print page shows it as text")
            li.go("/archive?q=" + urllib.parse.quote(number))
            injected(li, f"attack {i}: the archive's results")
        logs = [e["message"] for e in li.driver.get_log("browser") if "alert" in e["message"]]
        check(not logs, "the browser logged nothing from the corpus")
    finally:
        li.quit()


def electronic_signatures(server, number):
    """陈刚 reviews and 周建国 approves the 8D in the browser, each giving their password again (21 CFR 11.200)."""
    chen, zhou = Person(server, "chen"), Person(server, "zhou")
    try:
        for person, meaning in ((chen, "reviewed"), (zhou, "approved")):
            person.sign_in()
            for password in ("not-my-password", PASSWORD):
                person.go(f"/records/{number}")
                person.driver.find_element(By.CSS_SELECTOR, "details.sign summary").click()
                Select(person.driver.find_element(By.ID, "sign-meaning")).select_by_value(meaning)
                person.driver.find_element(By.ID, "sign-password").send_keys(password)
                person.press("sign")
                if password != PASSWORD:
                    check(person.driver.title.startswith("409") and "nothing was signed" in person.driver.page_source,
                          f"{person.name}'s wrong password is refused and nothing is signed: {person.driver.title}")
            person.until(lambda d: d.find_element(By.ID, "signatures"), 'd.find_element(By.ID, "signatures")')
            signed = person.driver.find_element(By.ID, "signatures").text
            display = next(p[1] for p in Server.PEOPLE if p[0] == person.name)
            check(f"{display} ({person.name})" in signed, f"{display} signed {number} as {meaning}; the record page lists it")
        check(not zhou.driver.find_elements(By.ID, "sign"), "zhou, having signed, is offered no second signature")
        zhou.shot("record-signed")
        zhou.go(f"/records/{number}/print")
        source = zhou.driver.page_source
        check(source.count("Signed electronically") == 2 and "陈刚 (chen)" in source and "周建国 (zhou)" in source,
              "the print page shows both signatures where the ink would go (name, meaning, time)")
        zhou.shot("record-signed-print")
    finally:
        chen.quit()
        zhou.quit()


def main():
    server = Server()
    try:
        number = eight_d_from_empty(server)
        electronic_signatures(server, number)
        document_revision(server)
        without_javascript(server)
        injection(server)
        print(f"browser suite: every check held ({number} issued, screenshots in {SHOTS})")
        return 0
    except CheckFailed as failure:
        print("FAILED: " + str(failure), file=sys.stderr)
        return 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
