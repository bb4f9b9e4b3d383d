// The decision forms of the approvals and reviews pages. A form's button names the API route it
// posts to (data-url); its filled fields, and the name the person decides as, go as a JSON body, with
// the server's token when the page asks for one (kept in sessionStorage: this tab only). The server's
// error is shown beside the form as text, never as HTML; on success the page reloads to show the
// decision as the server recorded it. Without this script the forms stay hidden and the page says so.
(function () {
  'use strict';

  var tokenKey = 'agentlab.decisionToken';
  var nameKey = 'agentlab.deciderName';

  function stored(storage, key) {
    try {
      return storage.getItem(key) || '';
    } catch (error) {
      return '';
    }
  }

  function keep(storage, key, value) {
    try {
      if (value) storage.setItem(key, value);
      else storage.removeItem(key);
    } catch (error) {
      // Storage can be refused (private windows); the field still works for this page.
    }
  }

  function showError(form, text) {
    var element = form.querySelector('.decision-error');
    element.textContent = text;
    element.hidden = false;
  }

  function errorText(status, body) {
    if (body && body.error && typeof body.error.message === 'string') return body.error.message;
    return 'The server answered ' + status + '.';
  }

  function bodyOf(form, nameInput) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || (field.tagName !== 'TEXTAREA' && field.tagName !== 'INPUT')) return;
      var value = field.value.trim();
      if (value !== '') body[field.name] = value;
    });
    var name = nameInput ? nameInput.value.trim() : '';
    if (name !== '') body.by = name;
    return body;
  }

  function setBusy(form, busy) {
    Array.prototype.forEach.call(form.querySelectorAll('button'), function (button) {
      button.disabled = busy;
    });
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function decide(form, button, tokenInput, nameInput) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    var token = tokenInput ? tokenInput.value.trim() : '';
    if (tokenInput && token === '') {
      showError(form, 'This server takes decisions only with its token: enter it above.');
      tokenInput.focus();
      return;
    }
    if (token !== '') {
      headers.Authorization = 'Bearer ' + token;
      keep(window.sessionStorage, tokenKey, token);
    }
    setBusy(form, true);
    fetch(button.getAttribute('data-url'), { method: 'POST', headers: headers, body: JSON.stringify(bodyOf(form, nameInput)), credentials: 'same-origin' })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (body) {
            if (response.ok) {
              form.setAttribute('data-decided', 'true');
              window.location.reload();
              return;
            }
            setBusy(form, false);
            showError(form, errorText(response.status, body));
          });
      })
      .catch(function (error) {
        setBusy(form, false);
        showError(form, 'The request failed: ' + (error && error.message ? error.message : String(error)));
      });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-needs-script]'), function (element) {
      element.hidden = false;
    });
    var notice = document.getElementById('needs-script');
    if (notice) notice.hidden = true;
    var tokenInput = document.getElementById('decision-token');
    var nameInput = document.getElementById('decider-name');
    if (tokenInput) {
      tokenInput.value = stored(window.sessionStorage, tokenKey);
      tokenInput.addEventListener('change', function () {
        keep(window.sessionStorage, tokenKey, tokenInput.value.trim());
      });
    }
    if (nameInput) {
      nameInput.value = stored(window.localStorage, nameKey);
      nameInput.addEventListener('change', function () {
        keep(window.localStorage, nameKey, nameInput.value.trim());
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll('form[data-decision-form]'), function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var button = event.submitter || form.querySelector('button[data-url]');
        if (!button || !button.getAttribute('data-url')) return;
        var error = form.querySelector('.decision-error');
        error.hidden = true;
        error.textContent = '';
        decide(form, button, tokenInput, nameInput);
      });
    });
    document.body.setAttribute('data-decisions-ready', 'true');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
