/* "Practise" on a principle page: the two responses become two buttons in random order, so the
   answer cannot be guessed from the layout; after a choice the reader hears whether it works and
   sees both whys. Without this script the block is a plain <details> reveal.
   Contributor text is only ever read as text (textContent) and written as text: no HTML is built
   from it. The result is kept in localStorage `playbook.practised` ({principle id: right}), under the
   site's path (site.js); nothing leaves the browser. */
(function () {
  "use strict";

  var site = window.playbookSite;
  var STORAGE_KEY = "playbook.practised";
  var LEAF_BLOCKS = "p, li, pre, blockquote, td, th, dd, dt";

  /* The principle's id from its canonical address (/principles/<id>/, or <id>.html without
     directory URLs); a query string or #anchor never changes it. */
  function principleId() {
    var match = /\/principles\/([a-z0-9][a-z0-9-]*)(?:\/(?:index\.html)?|\.html)$/.exec(
      window.location.pathname
    );
    return match ? match[1] : null;
  }

  function record(id, right) {
    if (!id || !site) return;
    var parsed = site.load(STORAGE_KEY); /* a damaged value starts afresh */
    var stored = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
    stored[id] = right;
    site.save(STORAGE_KEY, stored); /* storage off or full: practising still works, unremembered */
  }

  /* One line of text per paragraph or list item of a rendered response, read as plain text. */
  function linesOf(says) {
    var leaves = Array.prototype.filter.call(says.querySelectorAll(LEAF_BLOCKS), function (block) {
      return !block.querySelector(LEAF_BLOCKS);
    });
    if (!leaves.length) leaves = [says];
    return leaves
      .map(function (block) {
        return block.textContent.replace(/\s+/g, " ").trim();
      })
      .filter(Boolean);
  }

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function choiceButton(says, works) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "playbook-practise__choice";
    linesOf(says).forEach(function (line) {
      button.appendChild(span("playbook-practise__line", line));
    });
    button.appendChild(span("playbook-practise__verdict"));
    button.playbookWorks = works;
    return button;
  }

  function setUp(block, index) {
    var answer = block.querySelector("details.playbook-practise__answer");
    var question = block.querySelector(".playbook-practise__question");
    var goodSays = block.querySelector(".playbook-practise__response--good .playbook-practise__says");
    var badSays = block.querySelector(".playbook-practise__response--bad .playbook-practise__says");
    if (!answer || !question || !goodSays || !badSays || block.querySelector(".playbook-practise__choices")) {
      return;
    }
    var id = principleId();
    question.id = question.id || "playbook-practise-question-" + index;

    var choices = document.createElement("div");
    choices.className = "playbook-practise__choices";
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-labelledby", question.id);
    var buttons = [choiceButton(goodSays, true), choiceButton(badSays, false)];

    var result = document.createElement("p");
    result.className = "playbook-practise__result";
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");

    var again = document.createElement("button");
    again.type = "button";
    again.className = "playbook-practise__again";
    again.textContent = "Try again";
    again.hidden = true;

    function shuffle() {
      if (Math.random() < 0.5) buttons.reverse();
      buttons.forEach(function (button) {
        choices.appendChild(button);
      });
    }

    function choose(chosen) {
      buttons.forEach(function (button) {
        var verdict = button.playbookWorks ? "Works" : "Fails";
        if (button === chosen) verdict += " (your answer)";
        button.querySelector(".playbook-practise__verdict").textContent = verdict;
        button.classList.toggle("playbook-practise__choice--works", button.playbookWorks);
        button.classList.toggle("playbook-practise__choice--fails", !button.playbookWorks);
        button.classList.toggle("playbook-practise__choice--chosen", button === chosen);
      });
      result.textContent = chosen.playbookWorks
        ? "Right: that is the response that works. Both whys are below."
        : "Not this one: that is the response that fails. Both whys are below.";
      answer.hidden = false;
      answer.open = true;
      again.hidden = false;
      record(id, chosen.playbookWorks);
    }

    function reset() {
      buttons.forEach(function (button) {
        button.querySelector(".playbook-practise__verdict").textContent = "";
        button.classList.remove(
          "playbook-practise__choice--works",
          "playbook-practise__choice--fails",
          "playbook-practise__choice--chosen"
        );
      });
      result.textContent = "";
      answer.open = false;
      answer.hidden = true;
      again.hidden = true;
      shuffle();
      choices.firstChild.focus();
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        choose(button);
      });
    });
    again.addEventListener("click", reset);

    shuffle();
    answer.hidden = true;
    block.classList.add("playbook-practise--interactive");
    block.insertBefore(choices, answer);
    block.insertBefore(result, answer);
    block.insertBefore(again, answer);
  }

  function setUpAll() {
    var blocks = document.querySelectorAll("article .playbook-practise"); /* principle pages only */
    Array.prototype.forEach.call(blocks, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
