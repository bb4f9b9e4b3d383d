// The lesson package as an HTML page, through eta with auto-escaping: every text of the package is
// untrusted (it comes from models and web pages), so none is ever inserted raw.
import { Eta } from 'eta';
import type { LessonPackage } from './lesson-package.js';

const eta = new Eta({ autoEscape: true, useWith: false });

const template = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.topic %></title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}small{color:#555}</style>
</head>
<body>
<article data-piece-id="<%= it.pieceId %>">
<h1><%= it.topic %></h1>
<p><small>For <%= it.audience %> · confidence <%= it.metadata.confidence.toFixed(2) %></small></p>
<p class="summary"><%= it.summary %></p>
<% it.sections.forEach(function (section) { %>
<section>
<h2><%= section.heading %></h2>
<p><%= section.body %></p>
</section>
<% }) %>
<h2>Key facts</h2>
<ul class="key-facts">
<% it.keyFacts.forEach(function (keyFact) { %>
<li><%= keyFact.fact %> <small>(<%= keyFact.sources.join(', ') %>)</small></li>
<% }) %>
</ul>
<h2>Quiz</h2>
<ol class="quiz">
<% it.quiz.forEach(function (question) { %>
<li><p><%= question.question %></p><ul>
<% question.choices.forEach(function (choice, index) { %>
<li<%= index === question.answerIndex ? ' data-answer' : '' %>><%= choice %></li>
<% }) %>
</ul></li>
<% }) %>
</ol>
</article>
</body>
</html>
`;

export function renderLessonPackageHtml(lesson: LessonPackage): string {
  return eta.renderString(template, lesson);
}
