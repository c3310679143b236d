"""A tiny Chrome DevTools Protocol driver for the browser test: headless Chromium, one page, JS, text, screenshot.

Uses only ``websockets`` (a Streamlit dependency) and the standard library; everything stays on 127.0.0.1.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from processes import stop_group
from websockets.sync.client import connect

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1440,2200",
)


def find_chromium() -> str | None:
    """The path of an installed Chromium, or None."""
    for path in CHROMIUM_CANDIDATES:
        if Path(path).exists():
            return path
    return shutil.which("chromium")


class Browser:
    """Headless Chromium with one page driven over CDP; use as a context manager."""

    def __init__(self, executable: str, profile_dir: Path, log_path: Path) -> None:
        self.profile_dir = profile_dir
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self._ids = itertools.count(1)
        self._connection = connect(self._page_ws_url(), max_size=None, open_timeout=30)
        self.ws = self._connection.__enter__()

    def _page_ws_url(self, timeout: float = 30) -> str:
        port_file = self.profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}")
            if port_file.exists() and port_file.read_text().strip():
                port = port_file.read_text().split()[0]
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as resp:
                        targets = json.load(resp)
                except OSError:
                    time.sleep(0.2)
                    continue
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.2)
        raise RuntimeError("chromium did not open its DevTools port")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one CDP command and return its result (events in between are skipped)."""
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def js(self, expression: str) -> Any:
        """Evaluate ``expression`` in the page and return its value."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JS error: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def _until(self, script: str, failure: str, timeout: float) -> Any:
        """Run ``script`` every 0.3 s until it returns something truthy (returned); AssertionError at timeout."""
        deadline = time.monotonic() + timeout
        while not (result := self.js(script)):
            if time.monotonic() > deadline:
                raise AssertionError(failure)
            time.sleep(0.3)
        return result

    def goto(self, url: str) -> None:
        """Navigate the page to ``url``."""
        self.send("Page.enable")
        self.send("Page.navigate", url=url)

    def text(self) -> str:
        """The page's visible text."""
        return self.js("document.body ? document.body.innerText : ''") or ""

    def wait_for_text(self, needle: str, timeout: float = 60) -> str:
        """Wait until ``needle`` is in the page's text; return the text."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if needle in text:
                return text
            time.sleep(0.3)
        raise AssertionError(f"{needle!r} did not appear within {timeout}s; page text:\n{text[:3000]}")

    def click_button(self, label: str, timeout: float = 30) -> None:
        """Click the first enabled button whose text is exactly ``label`` (waiting for it to be drawn)."""
        script = (
            "(() => { const b = [...document.querySelectorAll('button')]"
            f".find(b => b.innerText.trim() === {json.dumps(label)} && !b.disabled);"
            " if (!b) return false; b.scrollIntoView(); b.click(); return true; })()"
        )
        self._until(script, f"no enabled button {label!r} within {timeout}s", timeout)

    def click_label(self, label: str, within: str = "body", timeout: float = 30) -> None:
        """Click the first ``<label>`` under ``within`` whose text is exactly ``label`` (a radio or checkbox option)."""
        script = (
            f"(() => {{ const root = document.querySelector({json.dumps(within)}); if (!root) return false;"
            f" const l = [...root.querySelectorAll('label')].find(l => l.innerText.trim() === {json.dumps(label)});"
            " if (!l) return false; l.scrollIntoView(); l.click(); return true; })()"
        )
        self._until(script, f"no label {label!r} under {within!r} within {timeout}s", timeout)

    def click_toggle(self, label: str, timeout: float = 30) -> None:
        """Flip the st.toggle / st.checkbox labelled ``label`` (its input: react-aria ignores a click on the label)."""
        selector = f'input[type="checkbox"][aria-label="{label}"]'
        script = (
            f"(() => {{ const i = document.querySelector({json.dumps(selector)});"
            " if (!i) return false; i.scrollIntoView(); i.click(); return true; })()"
        )
        self._until(script, f"no toggle {label!r} within {timeout}s", timeout)

    def click_option(self, group: str, option: str, timeout: float = 30) -> None:
        """Click the option ``option`` of the radio group whose label starts with ``group``."""
        script = (
            "(() => { const g = [...document.querySelectorAll('[data-testid=\"stRadio\"]')]"
            f".find(g => g.innerText.trim().startsWith({json.dumps(group)})); if (!g) return false;"
            f" const l = [...g.querySelectorAll('label')].find(l => l.innerText.trim() === {json.dumps(option)});"
            " if (!l) return false; l.click(); return true; })()"
        )
        self._until(script, f"no option {option!r} in radio group {group!r} within {timeout}s", timeout)

    def wait_gone(self, needle: str, timeout: float = 60) -> str:
        """Wait until ``needle`` is no longer in the page's text; return the text."""
        deadline = time.monotonic() + timeout
        text = self.text()
        while needle in text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} still on the page after {timeout}s")
            time.sleep(0.3)
            text = self.text()
        return text

    def wait_idle(self, timeout: float = 60, settle: float = 1.0) -> None:
        """Wait until Streamlit's script run has finished (its running indicator gone for ``settle`` seconds)."""
        script = ("(() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
                  " return !w || !/Running|Stop|运行/.test(w.innerText); })()")
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            if self.js(script):
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= settle:
                    return
            else:
                idle_since = None
            time.sleep(0.2)
        raise AssertionError(f"the app was still running after {timeout}s")

    def wait_for_element(self, selector: str, timeout: float = 60) -> None:
        """Wait until an element matches ``selector``."""
        self._until(f"!!document.querySelector({json.dumps(selector)})", f"no element {selector!r} within {timeout}s",
                    timeout)

    def value_of(self, selector: str) -> str | None:
        """The ``value`` of the element at ``selector`` (a text area's text), or None when it is not there."""
        return self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); return e ? e.value : null; }})()")

    def type_into(self, selector: str, text: str, timeout: float = 30) -> None:
        """Focus the element at ``selector``, type ``text`` as keyboard input, then blur it to commit."""
        self._type(selector, text, timeout, at_end=False)

    def _type(self, selector: str, text: str, timeout: float, at_end: bool) -> None:
        """Focus ``selector`` (caret at the end when ``at_end``), insert ``text`` as keyboard input, blur to commit."""
        caret = " e.setSelectionRange(e.value.length, e.value.length);" if at_end else ""
        script = (f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false;"
                  f" e.scrollIntoView(); e.focus();{caret} return true; }})()")
        self._until(script, f"no element {selector!r} within {timeout}s", timeout)
        self.send("Input.insertText", text=text)
        self.js(f"document.querySelector({json.dumps(selector)}).blur()")

    def screenshot(self, path: Path, width: int = 1440) -> Path:
        """A full-page PNG screenshot.

        The viewport is set to the page's full height first (and kept), rather than asking Chromium to capture
        beyond the viewport: that resizes the page during the capture and Streamlit's sidebar is caught mid-layout.
        """
        self.js("document.querySelectorAll('*').forEach(e => { if (e.scrollLeft) e.scrollLeft = 0; })")
        height = int(self.js("Math.max(document.body.scrollHeight, [...document.querySelectorAll("
                             "'[data-testid=\"stMain\"], section.main')].reduce((m, e) => Math.max(m, e.scrollHeight), 0))")
                     or 0)
        height = max(800, min(height, 16000))
        if getattr(self, "_viewport", None) != (width, height):
            self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
            self._viewport = (width, height)
            time.sleep(0.8)  # let the page lay itself out at the new size
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def set_viewport(self, width: int, height: int) -> None:
        """Emulate a ``width`` x ``height`` window (CDP ``Emulation.setDeviceMetricsOverride``)."""
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self._viewport = (width, height)

    def download_to(self, directory: Path) -> None:
        """Save every download of this browser into ``directory`` (CDP ``Browser.setDownloadBehavior``)."""
        directory.mkdir(parents=True, exist_ok=True)
        self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(directory))

    def click_text(self, selector: str, needle: str, timeout: float = 30) -> None:
        """Click the first visible element matching ``selector`` whose text contains ``needle`` (an expander's header)."""
        script = (
            f"(() => {{ const e = [...document.querySelectorAll({json.dumps(selector)})]"
            f".find(e => e.getClientRects().length && e.innerText.includes({json.dumps(needle)}));"
            " if (!e) return false; e.scrollIntoView(); e.click(); return true; })()"
        )
        self._until(script, f"no {selector!r} containing {needle!r} within {timeout}s", timeout)

    def mouse_click(self, selector: str, needle: str = "", timeout: float = 30) -> None:
        """A real mouse click (CDP input events) on the centre of the first visible ``selector`` containing
        ``needle``: baseweb's select opens on mouse events, not on a scripted ``click()``."""
        # The point must hit the element itself (not a header over it, not mid-scroll): measured after the scroll.
        script = (
            f"(() => {{ const e = [...document.querySelectorAll({json.dumps(selector)})]"
            f".find(e => e.getClientRects().length && (e.innerText || '').includes({json.dumps(needle)}));"
            " if (!e) return null; const r = e.getBoundingClientRect(); const x = r.left + r.width / 2,"
            " y = r.top + r.height / 2; const hit = document.elementFromPoint(x, y);"
            " if (hit && (hit === e || e.contains(hit) || hit.contains(e))) return [x, y];"
            " e.scrollIntoView({block: 'center', behavior: 'instant'}); return null; })()"
        )
        point = self._until(script, f"no {selector!r} containing {needle!r} within {timeout}s", timeout)
        x, y = point
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def choose(self, label: str, option: str, timeout: float = 30) -> None:
        """Open the st.selectbox labelled ``label`` and pick the first option whose text contains ``option``."""
        self.mouse_click(f'input[aria-label="{label}"]', "", timeout)  # focuses it and opens the dropdown
        self.send("Input.insertText", text=option)  # filters the options, the first match highlighted
        self.mouse_click('[role="option"]', option, timeout)  # waits until the filtered list is drawn

    def append_text(self, selector: str, text: str, timeout: float = 30) -> None:
        """Type ``text`` at the end of the text area at ``selector`` (keyboard input), then blur it to commit."""
        self._type(selector, text, timeout, at_end=True)

    def screenshot_view(self, path: Path, focus: str | None = None) -> Path:
        """A PNG of the window as it is (the emulated size), after scrolling ``focus`` (a selector) to its middle."""
        if focus:
            self.js(f"(() => {{ const e = document.querySelector({json.dumps(focus)}); if (!e) return;"
                    " const tall = e.getBoundingClientRect().height > innerHeight * 0.8;"
                    " e.scrollIntoView({block: tall ? 'start' : 'center'}); })()")  # a tall memo: its beginning
            time.sleep(0.3)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """Close the connection and end the Chromium process group this object started."""
        try:
            self._connection.__exit__(None, None, None)
        finally:
            stop_group(self.proc, grace=10)
            self._log.close()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
