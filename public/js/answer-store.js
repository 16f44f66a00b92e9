/*
 * Keeps a survey's answers on this device while they are given, so a reload or a dropped
 * connection loses nothing. They never leave the device before the person sends them.
 * On a kiosk (a shared device) they live only in this tab (sessionStorage) and are wiped
 * once sent, so the next person finds nothing.
 */
(function () {
  'use strict';

  function pick(isKiosk) {
    try {
      var storage = isKiosk ? window.sessionStorage : window.localStorage;
      storage.setItem('peerclimate:probe', '1');
      storage.removeItem('peerclimate:probe');
      return storage;
    } catch {
      return null; // Private modes may refuse storage; answering still works, without the copy.
    }
  }

  function create(key, isKiosk) {
    var storage = pick(isKiosk);
    return {
      load: function () {
        if (!storage) return null;
        try {
          return JSON.parse(storage.getItem(key) || 'null');
        } catch {
          storage.removeItem(key);
          return null;
        }
      },
      save: function (state) {
        if (!storage) return;
        try {
          storage.setItem(key, JSON.stringify(state));
        } catch {
          // A full storage only costs the copy; the answers on screen are untouched.
        }
      },
      clear: function () {
        [window.localStorage, window.sessionStorage].forEach(function (each) {
          try { each.removeItem(key); } catch { /* storage refused: nothing was kept */ }
        });
      },
    };
  }

  window.PeerClimateAnswerStore = { create: create };
})();
