"""The real `mkdocs serve`: rebuilds on principle changes, survives bad input, recovers when fixed."""

from __future__ import annotations

from pathlib import Path


def test_a_principle_change_rebuilds_and_a_bad_file_keeps_the_server_up(project: Path, serve) -> None:
    server = serve()
    path = project / "principles" / "guide-dont-get.yml"
    status, html = server.get("principles/guide-dont-get/")
    assert status == 200 and "livereload" in html and "playbook-problems" not in html

    path.write_text(path.read_text().replace('title: Guide, don\'t "get"', "title: Guide them there"))
    server.wait_for(
        "the new title", lambda: "Guide them there" in server.get("principles/guide-dont-get/")[1]
    )

    path.write_text(path.read_text().replace("bad_response:", "bad_respnse:"))
    server.wait_for(
        "the problem banner", lambda: "playbook-problems" in server.get("principles/guide-dont-get/")[1]
    )
    html = server.get("principles/guide-dont-get/")[1]
    assert "bad_respnse: unknown field; did you mean &#39;bad_response&#39;?" in html
    assert "Guide them there" in html  # the last good version is still shown
    assert (
        "principles/guide-dont-get.yml:" in server.output()
        and "bad_respnse: unknown field" in server.output()
    )

    path.write_text(
        path.read_text().replace("bad_respnse:", "bad_response:").replace("Guide them there", "Fixed")
    )
    server.wait_for("the fixed page", lambda: "Fixed" in server.get("principles/guide-dont-get/")[1])
    assert "playbook-problems" not in server.get("principles/guide-dont-get/")[1]
    assert server.process.poll() is None
    assert "Traceback" not in server.output()


def test_a_server_started_on_bad_input_comes_up_and_recovers(project: Path, serve) -> None:
    path = project / "principles" / "lower-your-shields.yml"
    good = path.read_text()
    path.write_text(good.replace("tags: [", "tags: 3 #["))
    server = serve()
    status, html = server.get("")
    assert status == 200
    assert "principles/lower-your-shields.yml:" in html and "tags: expected a list" in html

    path.write_text(good)
    server.wait_for("the principles", lambda: server.get("principles/lower-your-shields/")[0] == 200)
    assert "playbook-problems" not in server.get("")[1]
    assert "Traceback" not in server.output()
