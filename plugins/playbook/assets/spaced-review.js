/*
 * Spaced review for the drill (practice.js), in Leitner boxes as flash-card apps keep them: a missed
 * principle goes to box 1 and comes back tomorrow; a right one moves up a box and comes back after
 * 3, 7, then 21 days. Loaded before practice.js on /practice/ only (theme/main.html), as
 * `window.playbookReview`. Everything stays in localStorage under the site's path (site.js):
 * `playbook.review` ({principle id: {box, due}}, `due` a local date such as "2026-11-20"), beside
 * `playbook.practised` ({id: last answer right}) and `playbook.read` ([id], paths.js). Nothing is
 * sent anywhere; "Save my progress" hands the reader a file, and a file read back is checked whole
 * before anything is kept, so a damaged or hostile one leaves the current progress as it was.
 */
(() => {
  "use strict";

  const site = window.playbookSite;
  if (!site) return;
  const REVIEW = "playbook.review";
  const DRILLED = "playbook.practised"; /* published: readers' saved answers keep this key */
  const READ = "playbook.read";
  const DAYS = [1, 3, 7, 21]; /* box 1 to 4: days until a principle comes back */
  const FORMAT = "playbook-progress";
  const MAX_BYTES = 64 * 1024;
  const FIELDS = ["format", "version", "saved", "review", "practised", "read"];
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  const plain = (value) => value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
  const pad = (number) => String(number).padStart(2, "0");
  /* A local date `days` from today, read from the page's clock. */
  const day = (days = 0) => {
    const date = new Date();
    date.setDate(date.getDate() + days);
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  };
  const isEntry = (entry) =>
    plain(entry) &&
    Object.keys(entry).length === 2 &&
    Number.isInteger(entry.box) &&
    entry.box >= 1 &&
    entry.box <= DAYS.length &&
    typeof entry.due === "string" &&
    DATE.test(entry.due);

  /* The stored boxes of the principles this playbook still has (every one when `known` is null,
   * as when one answer is recorded without the list of ids); a damaged entry is left out. */
  const boxes = (known) => {
    const stored = site.load(REVIEW);
    if (!plain(stored)) return {};
    return Object.fromEntries(Object.entries(stored).filter(([id, entry]) => (!known || known.has(id)) && isEntry(entry)));
  };

  /* An answer moves the principle between boxes and sets the day it comes back. */
  function record(known, id, right) {
    const review = boxes(known);
    const box = right ? Math.min((site.own(review, id) ? review[id].box : 1) + 1, DAYS.length) : 1;
    site.save(REVIEW, { ...review, [id]: { box, due: day(DAYS[box - 1]) } });
    const drilled = site.load(DRILLED);
    site.save(DRILLED, { ...(plain(drilled) ? drilled : {}), [id]: right });
  }

  /* The principles due today or before, in the order given. */
  const due = (known, ids) => {
    const review = boxes(known);
    const today = day();
    return ids.filter((id) => site.own(review, id) && review[id].due <= today);
  };

  /* The reader's progress as a small JSON file, downloaded; nothing leaves the browser. */
  function download(known) {
    const drilled = site.load(DRILLED);
    const read = site.load(READ);
    const progress = {
      format: FORMAT,
      version: 1,
      saved: day(),
      review: boxes(known),
      practised: plain(drilled) ? Object.fromEntries(Object.entries(drilled).filter(([id]) => known.has(id))) : {},
      read: Array.isArray(read) ? read.filter((id) => known.has(id)) : [],
    };
    const address = URL.createObjectURL(new Blob([`${JSON.stringify(progress, null, 2)}\n`], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = address;
    link.download = `playbook-progress-${progress.saved}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(address), 1000);
  }

  /* What is wrong with a progress file's text, or null: every part is checked before any is kept. */
  function problem(text, known) {
    let progress;
    try {
      progress = JSON.parse(text);
    } catch (error) {
      return "This file is not saved progress: it is not JSON.";
    }
    if (!plain(progress) || progress.format !== FORMAT) return "This file is not progress saved from the drill.";
    if (progress.version !== 1) return "This progress was saved by another version of the playbook.";
    if (Object.keys(progress).some((field) => !FIELDS.includes(field))) return "This progress file has fields the drill does not know.";
    const { review, practised: drilled, read } = progress;
    if (!plain(review) || !plain(drilled) || !Array.isArray(read)) return "This progress file is damaged: a part is missing or of the wrong kind.";
    const ids = [...Object.keys(review), ...Object.keys(drilled), ...read];
    if (ids.some((id) => typeof id !== "string")) return "This progress file is damaged: a principle is not named by its id.";
    const unknown = new Set(ids.filter((id) => !known.has(id)));
    if (unknown.size) return `This progress file names ${unknown.size} principle${unknown.size > 1 ? "s" : ""} this playbook does not have.`;
    if (!Object.values(review).every(isEntry)) return "This progress file is damaged: a review entry is not a box from 1 to 4 and a date.";
    if (!Object.values(drilled).every((right) => typeof right === "boolean")) return "This progress file is damaged: an answer is not right or wrong.";
    return null;
  }

  /* Reads a chosen file; `done(message, loaded)` gets what to tell the reader. */
  function load(file, known, done) {
    if (file.size > MAX_BYTES) {
      done("This file is too big to be saved progress: nothing was loaded.", false);
      return;
    }
    file.text().then(
      (text) => {
        const found = problem(text, known);
        if (found) {
          done(`${found} Your progress is as it was.`, false);
          return;
        }
        const progress = JSON.parse(text);
        site.save(REVIEW, progress.review);
        site.save(DRILLED, progress.practised);
        site.save(READ, [...new Set(progress.read)]);
        done(`Progress loaded from the file saved on ${DATE.test(progress.saved) ? progress.saved : "an unknown day"}.`, true);
      },
      () => done("This file could not be read: nothing was loaded.", false),
    );
  }

  window.playbookReview = Object.freeze({ DAYS, record, due, download, load });
})();
