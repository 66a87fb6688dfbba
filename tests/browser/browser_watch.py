"""Every problem a reader would not see, in every browser window a test opens: console errors, uncaught
errors, failed requests and error responses, handed to the running test (conftest.browser_problems)."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, WebError
from playwright.sync_api import Error as PlaywrightError


class BrowserProblems:
    """What a reader would not see but should never happen, in every window a test opens: console
    errors, uncaught errors, failed requests and responses with an error status. A test that provokes
    one on purpose says which with `expect`; the rest fail it."""

    def __init__(self, earlier: list[str]) -> None:
        self.seen = [f"{problem} (before this test, in a window a fixture opened)" for problem in earlier]
        self.expected: list[re.Pattern[str]] = []

    def expect(self, pattern: str) -> None:
        """This test provokes problems matching `pattern` (re.search) on purpose: at least one must happen."""
        self.expected.append(re.compile(pattern))

    def expect_not_found(self, url: str) -> None:
        """This test opens `url`, an address the site does not have, on purpose: the 404 response, and
        the console's line about it."""
        self.expect(f"^response 404: {re.escape(url)}$")
        self.expect(f"^console error: Failed to load resource: .* 404 \\([^)]*\\) \\({re.escape(url)}\\)$")

    def failures(self) -> list[str]:
        """Every problem no expectation covers, then every expectation no problem met."""
        unexpected = [problem for problem in self.seen if not any(p.search(problem) for p in self.expected)]
        missing = [
            f"expected, but did not happen: {pattern.pattern}"
            for pattern in self.expected
            if not any(pattern.search(problem) for problem in self.seen)
        ]
        return unexpected + missing

    def check(self) -> None:
        failures = self.failures()
        if failures:
            pytest.fail("problems in the browser:\n" + "\n".join(failures), pytrace=False)


class Watch:
    """Hands what every browser context reports to the running test's BrowserProblems (contexts can
    outlive a test: a module's shared window). What happens between tests goes to the next test."""

    def __init__(self) -> None:
        self.current: BrowserProblems | None = None
        self.between: list[str] = []
        self.contexts: list[BrowserContext] = []

    def watch_every_context_of(self, browser: Browser) -> None:
        """Watch each context `browser.new_context` or `browser.new_page` makes, popups included."""
        new_context, new_page = browser.new_context, browser.new_page

        def watched_context(*args: Any, **options: Any) -> BrowserContext:
            context = new_context(*args, **options)
            self.watch(context)
            return context

        def watched_page(*args: Any, **options: Any) -> Page:
            page = new_page(*args, **options)  # in a context of its own, made by the browser
            self.watch(page.context)
            return page

        browser.new_context = watched_context  # type: ignore[method-assign]
        browser.new_page = watched_page  # type: ignore[method-assign]

    def watch(self, context: BrowserContext) -> None:
        self.contexts.append(context)
        context.on("close", self._closed)
        context.on("console", self._console)
        context.on("weberror", self._uncaught)
        context.on("requestfailed", self._request_failed)
        context.on("response", self._response)

    def _closed(self, context: BrowserContext) -> None:
        self.contexts.remove(context)

    def record(self, problem: str) -> None:
        (self.current.seen if self.current else self.between).append(problem)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.record(
                f"console error: {message.text} ({message.location.get('url') or _url(message.page)})"
            )

    def _uncaught(self, error: WebError) -> None:
        """The error and the script line that threw it, so the report names the file to look at."""
        frames = [
            line.strip() for line in (error.error.stack or "").splitlines() if line.strip().startswith("at ")
        ]
        where = f" {frames[0]}" if frames else ""
        self.record(f"uncaught error: {error.error.message} ({_url(error.page)}){where}")

    def _request_failed(self, request: Request) -> None:
        # The browser cancels a request still running when the page leaves (often the favicon, asked for
        # after "load"): nothing failed, and whether it happens depends only on timing. The offline
        # worker (sw.js) stores the site in the background after a first visit, and those requests fail
        # when a test stops the server it opened: no page asked for them. When the worker fails a page's
        # own request, the page's request fails too, and is reported; an error status is reported always.
        if request.failure != "net::ERR_ABORTED" and request.service_worker is None:
            self.record(f"request failed: {request.url} {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.record(f"response {response.status}: {response.url}")

    def leave(self, base_url: str) -> None:
        """Every open page on `base_url` goes to a blank page, before the server behind it stops: its
        scripts, and the offline worker it may be registering, stop asking that server for anything."""
        for context in list(self.contexts):
            for page in context.pages:
                if page.url.startswith(base_url):
                    with contextlib.suppress(PlaywrightError):  # closed meanwhile
                        page.goto("about:blank")

    def deliver(self) -> None:
        """Take in what open contexts reported but the test did not wait for: one round trip each."""
        for context in list(self.contexts):
            with contextlib.suppress(PlaywrightError):  # closed meanwhile, or its browser with it
                context.cookies()


def _url(page: Page | None) -> str:
    return page.url if page else "no page"


WATCH = Watch()
