// The one script of the answer page, served as a file by the app (/s/assets/answer.js) because the
// CSP allows scripts from 'self' only. It records the score picked in the mail as soon as the page
// shows (the GET itself never records: link scanners prefetch every link), and again when another
// score is picked, so that a respondent who closes the tab after the score has still answered.
// The form keeps working without it: the submit button posts the same fields.
export const ANSWER_SCRIPT = `(function () {
  var form = document.getElementById('answer-form');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var status = document.getElementById('answer-status');
  function say(text) { if (status) status.textContent = text; }
  function save() {
    var picked = form.querySelector('input[name=score]:checked');
    if (!picked) return;
    var body = new URLSearchParams();
    body.set('score', picked.value);
    // Always send the comment box, prefilled with any earlier comment, so a save keeps it.
    var comment = form.querySelector('textarea[name=comment]');
    if (comment) body.set('comment', comment.value);
    say('Saving your score\\u2026');
    fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      credentials: 'omit'
    }).then(function (res) {
      return res.json().then(function (data) {
        say(data && data.message ? data.message : (res.ok ? 'Saved.' : 'Could not save: press Send to try again.'));
      });
    }).catch(function () { say('Could not save: press Send to try again.'); });
  }
  var inputs = form.querySelectorAll('input[name=score]');
  for (var i = 0; i < inputs.length; i++) inputs[i].addEventListener('change', save);
  function start() {
    if (form.getAttribute('data-autosave') !== '1') return;
    if (document.visibilityState === 'hidden') {
      document.addEventListener('visibilitychange', function once() {
        if (document.visibilityState === 'visible') { document.removeEventListener('visibilitychange', once); save(); }
      });
    } else save();
  }
  start();
})();
`;
