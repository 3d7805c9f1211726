/* global window, fetch */
/*
 * The first reads of a page, started by the HTML itself before the app's scripts have loaded (on a
 * phone those take most of a second): the signed-in account; on the public page of service reviews,
 * the rating and the newest reviews; and, on a member's case page, the case, its timeline and its
 * messages, once the account is known to be a member's, so that nobody else's opening of the
 * address causes a read of a case. The app's API client takes each answer the first time it asks
 * for the same address (src/web/api/early.ts) instead of asking again; an answer the app never asks
 * for is dropped with the page.
 *
 * Each address holds a promise of the answer, or of null when the read was not made (not a
 * member's account): the client then asks itself. The promises are there from the start, so the
 * app never asks for an address this script is still deciding about.
 *
 * A plain script, not a module: a module would wait for the app's module graph. The addresses and
 * headers are the API client's (src/web/api/endpoints.ts, client.ts); e2e/first-reads.e2e.test.ts
 * keeps them equal (a member's case page reads each address once).
 */
(function startEarlyReads() {
  var path = window.location.pathname;
  warmLocaleData();
  if (path === '/sign-in' || path === '/sign-up') return;
  var reads = new Map();
  window.consiliumEarlyReads = reads;
  var ignore = function () {};
  var get = function (address) {
    return fetch(address, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json' },
    });
  };
  var keep = function (address, answer) {
    // A lost connection is the app's to report, when it asks for the same address.
    answer.catch(ignore);
    reads.set(address, answer);
  };

  var me = get('/api/v1/me');
  keep('/api/v1/me', me);
  // The public page of service reviews reads the rating and the newest reviews, for anyone.
  if (path === '/service-reviews') {
    ['/api/v1/service-reviews/rating', '/api/v1/service-reviews/published'].forEach(function (address) {
      keep(address, get(address));
    });
    return;
  }
  var casePage = /^\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(path);
  if (!casePage) return;
  var isMember = me
    .then(function (response) {
      if (!response.ok) return false;
      return response
        .clone()
        .json()
        .then(function (account) {
          return Boolean(account) && account.role === 'member';
        });
    })
    .catch(function () {
      return false;
    });
  var caseAddress = '/api/v1/cases/' + encodeURIComponent(casePage[1]);
  [caseAddress, caseAddress + '/events', caseAddress + '/messages?limit=50'].forEach(function (address) {
    keep(
      address,
      isMember.then(function (member) {
        return member ? get(address) : null;
      }),
    );
  });

  /*
   * The first locale-aware formatter a page makes loads the browser's locale data: 50–120 ms on a
   * slow machine, whichever `Intl` object comes first, about 5 ms for each one after it. Made here,
   * just after the reads are sent, that happens while the app's scripts are still on their way
   * instead of in the middle of the first render (every page formats dates or names). The language
   * is the one the app will start in when nothing else decides (src/web/i18n/index.ts, deviceLocale).
   */
  function warmLocaleData() {
    window.setTimeout(function () {
      try {
        var saved = null;
        try {
          saved = window.localStorage.getItem('consilium.locale');
        } catch {
          // Storage may be unavailable (private mode).
        }
        var locale = saved || window.navigator.language || 'en';
        new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(0);
        new Intl.DisplayNames([locale], { type: 'language' }).of('en');
      } catch {
        // A browser without these formatters loads nothing here; the app copes on its own.
      }
    }, 0);
  }
})();
