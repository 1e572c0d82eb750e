// ==UserScript==
// @name         Forum canned replies
// @description  Adds a menu of saved replies to the reply box.
// @match        https://forum.example.org/*
// @grant        none
// ==/UserScript==

(function () {
  'use strict';
  const PLACE = /reply-box\/(\d+)/;  // a regular expression with a quote: "
  const replies = [
    {
      name: 'Welcome',
      description: 'Welcome to the forum. Obviously you did not read the pinned guide before posting.',
      targets: [Target.Question],
    },
    {
      name: "Off topic",
      description: "This question is off topic here. " +
        "Nobody here can help with that, so post it somewhere else.",
      targets: [Target.Question, Target.Answer],
    },
  ];
  for (const reply of replies) {
    addMenuItem(reply.name, () => insert(`${reply.description}`));
  }
})();
