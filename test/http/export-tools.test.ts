import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { buildCompleteAnswers, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey } from '../support/builders.js';
import { type TestServer, useTestServer } from '../support/server.js';
import { createAccount, openSession, type StaffSession, staffFetch, uniqueEmail } from '../support/staff.js';
import { hasCommand, skipTier } from '../support/tiers.js';

const run = promisify(execFile);

function decodeHtml(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

/**
 * The files researchers take to their tools, read by the tools themselves: the R snippet shown
 * on the exports page runs in R over the downloaded files, the reliability report is recomputed
 * by R's psych package (Debian r-cran-psych) from the respondent-level file, and the SPSS syntax
 * runs in PSPP (GNU's SPSS). Each tier is skipped by name where its tool is not installed.
 */
describe('research exports in R and PSPP', function () {
  let server: TestServer;
  let wave: BuiltWave;
  let researcher: StaffSession;
  let dir: string;
  let responses: number;
  let codebookRows: Array<Record<string, string>>;

  useTestServer('pglite', async (started) => {
    server = started;
    const instrument = instrumentByKey(server.published, 'peer-staff-climate');
    wave = await buildWave(server.db, instrument, { unitNames: ['Clínica Norte', 'South Clinic'] });
    await server.db.query('UPDATE waves SET allow_comment_export = true WHERE id = $1', [wave.waveId]);
    const answers = { ...buildCompleteAnswers(instrument.instrument), comment_helpful: 'Two lines,\nwith "quotes"; and =formula' };
    expect((await postAnswers(server.url, wave.links[0]?.code ?? '', { answers })).status).to.equal(201);
    await seedSyntheticResponses(server.db, {
      waveId: wave.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-04-02', seed: 21,
      units: wave.links.map((link) => ({ unitId: link.unitId, responses: 40, climateShift: 0 })), roleWeights: { peer_staff: 2, supervisor: 1 },
    });
    responses = 81;
    await server.db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
    const account = await createAccount(server.db, { email: uniqueEmail('researcher'), memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });
    researcher = await openSession(server.db, account.accountId);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peerclimate-export-'));
    const base = `/orgs/${wave.organizationId}/exports/waves/${wave.waveId}`;
    const reliability = `/orgs/${wave.organizationId}/waves/${wave.waveId}/reliability.csv`;
    for (const file of ['respondents/responses.csv?comments=include', 'codebook.csv', 'responses.sps?comments=include', 'responses.do?comments=include', reliability]) {
      const response = await staffFetch(server.url, researcher, file.startsWith('/') ? file : `${base}/${file}`);
      const name = /filename="?([^";]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'missing';
      await fs.writeFile(path.join(dir, name), Buffer.from(await response.arrayBuffer()));
    }
    const codebookFile = (await fs.readdir(dir)).find((name) => name.endsWith('codebook.csv')) ?? '';
    codebookRows = parse(await fs.readFile(path.join(dir, codebookFile), 'utf8'), { bom: true, columns: true });
  });
  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  // C is the locale of many servers and containers; R and PSPP convert text to it unless told not to.
  for (const locale of ['C.UTF-8', 'C']) {
    it(`the R snippet on the exports page reads every row of the files and applies the value labels (LC_ALL=${locale})`, async function () {
      if (!(await hasCommand('Rscript'))) skipTier(this, 'R', 'no Rscript on PATH (apt-get install r-base-core)');
      const page = await (await staffFetch(server.url, researcher, `/orgs/${wave.organizationId}/exports`, { accept: 'html' })).text();
      const snippet = decodeHtml(/<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(page)?.[1] ?? '');
      expect(snippet).to.include('read.csv(');
      // writeLines(useBytes = TRUE) prints UTF-8 as it is, where cat() would escape it under LC_ALL=C.
      const checks = [
        'cat("rows", nrow(data), "codebook", nrow(codebook), "\\n")',
        'cat("roles", levels(data$role_group), sep = "|"); cat("\\n")',
        'cat("item", is.numeric(data$ma_treated_as_patient), names(attr(data$ma_treated_as_patient, "labels"))[1], "\\n")',
        'cat("label", attr(data$score_role_clarity, "label"), "\\n")',
        'writeLines(paste("units", paste(sort(unique(data$unit)), collapse = "|")), useBytes = TRUE)',
        'writeLines(paste("spanish", codebook$question_es[codebook$variable == "role_group"]), useBytes = TRUE)',
        'writeLines(paste("comment", data$comment_helpful[grepl("Two lines", data$comment_helpful)]), useBytes = TRUE)',
      ].join('\n');
      await fs.writeFile(path.join(dir, 'read.R'), `${snippet}\n${checks}\n`);
      const { stdout } = await run('Rscript', ['read.R'], { cwd: dir, env: { ...process.env, LANG: locale, LC_ALL: locale } });
      expect(stdout).to.include(`rows ${responses} codebook ${codebookRows.length} `);
      expect(stdout).to.include('roles|Peer support specialist or other peer role|Supervisor or manager of peer staff|Clinical or other staff|');
      expect(stdout).to.include('item TRUE Strongly disagree');
      expect(stdout).to.include('label Clarity of your role');
      expect(stdout).to.include('units Clínica Norte|South Clinic\n');
      expect(stdout).to.include(`spanish ${codebookRows.find((row) => row.variable === 'role_group')?.question_es ?? 'missing'}\n`);
      expect(stdout).to.include('comment Two lines, / with "quotes"; and =formula');
    });
  }

  it('the reliability report agrees with R psych::alpha and a factanal one-factor omega on the respondent-level file', async function () {
    if (!(await hasCommand('Rscript'))) skipTier(this, 'R', 'no Rscript on PATH (apt-get install r-base-core)');
    if (!(await run('Rscript', ['-e', 'library(psych)']).then(() => true, () => false))) skipTier(this, 'R psych', 'no psych package for R (apt-get install r-cran-psych)');
    const files = await fs.readdir(dir);
    const named = (suffix: string): string => files.find((name) => name.endsWith(suffix)) ?? 'missing';
    const { scale } = instrumentByKey(server.published, 'peer-staff-climate').instrument;
    // Reverse-coded items as the codebook says (min + max - x), complete cases only, as the report states.
    const script = `
suppressPackageStartupMessages(library(psych))
readAll <- function(file) read.csv(file, encoding = "UTF-8", na.strings = "", stringsAsFactors = FALSE, check.names = FALSE)
data <- readAll("${named('-responses.csv')}"); codebook <- readAll("${named('-codebook.csv')}"); report <- readAll("${named('-reliability.csv')}")
items <- codebook[codebook$role == "item" & !is.na(codebook$subscale), ]
for (subscale in unique(items$subscale)) {
  variables <- items$variable[items$subscale == subscale]
  x <- data[, variables]
  for (v in variables) if (as.logical(as.character(items$reverse_coded[items$variable == v]))) x[[v]] <- ${scale.min + scale.max} - x[[v]]
  x <- x[complete.cases(x), ]
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  fit <- factanal(covmat = cov(x), factors = 1, n.obs = nrow(x))
  loadings <- fit$loadings[, 1] * sqrt(diag(cov(x))); uniquenesses <- fit$uniquenesses * diag(cov(x))
  omega <- sum(loadings)^2 / (sum(loadings)^2 + sum(uniquenesses))
  head <- report[report$group_type == "wave" & report$subscale == subscale & is.na(report$item), ]
  rows <- report[report$group_type == "wave" & report$subscale == subscale & !is.na(report$item), ]
  rows <- rows[match(variables, rows$item), ]
  cat(subscale, nrow(x), head$n_complete, format(c(abs(a$total$raw_alpha - head$alpha), max(abs(a$item.stats$r.drop - rows$item_rest_r)),
    max(abs(a$alpha.drop$raw_alpha - rows$alpha_if_deleted)), abs(omega - head$omega_total)), scientific = TRUE), "\\n")
}
`;
    await fs.writeFile(path.join(dir, 'reliability.R'), script);
    const { stdout } = await run('Rscript', ['reliability.R'], { cwd: dir });
    const lines = stdout.trim().split('\n').map((line) => line.trim().split(/\s+/));
    expect(lines).to.have.length(instrumentByKey(server.published, 'peer-staff-climate').instrument.subscales.length);
    for (const [subscale, rows, reported, alpha, itemRest, alphaIfDeleted, omega] of lines) {
      expect(reported, subscale).to.equal(rows);
      for (const difference of [alpha, itemRest, alphaIfDeleted]) expect(Number(difference), subscale).to.be.below(1e-9);
      // factanal's optimizer stops near, not at, the maximum; 1e-6 is well inside what a report prints.
      expect(Number(omega), subscale).to.be.below(1e-6);
    }
  });

  // No Stata here: the do-file is checked against the file it reads, as far as that goes without running it.
  it('the Stata do-file reads exactly the CSV\'s columns, types each once, and knows every code the file holds', async () => {
    const files = await fs.readdir(dir);
    const read = async (suffix: string): Promise<string> => fs.readFile(path.join(dir, files.find((name) => name.endsWith(suffix)) ?? 'missing'), 'utf8');
    const lines = (await read('-responses.do')).split('\r\n');
    const [header = [], ...rows]: string[][] = parse(await read('-responses.csv'), { bom: true });
    const start = lines.indexOf(') ( ///') + 1;
    expect(lines.slice(start, start + header.length + 1).map((line) => line.replace(' ///', '').trim())).to.deep.equal([...header, ')']);
    expect(lines).to.include(`assert c(k) == ${header.length}`);
    const expand = (list: string): number[] => list.split(' ').flatMap((part) => {
      const [from = 0, to = from] = part.split('/').map(Number);
      return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
    });
    const importLine = lines.find((line) => line.startsWith('import delimited')) ?? '';
    const strings = expand(/stringcols\(([^)]*)\)/.exec(importLine)?.[1] ?? '');
    const numbers = expand(/numericcols\(([^)]*)\)/.exec(importLine)?.[1] ?? '');
    expect([...strings, ...numbers].sort((a, b) => a - b)).to.deep.equal(header.map((_column, index) => index + 1));
    for (const position of numbers) {
      const cells = rows.map((row) => row[position - 1] ?? '');
      expect(cells.every((cell) => cell === '' || Number.isFinite(Number(cell))), header[position - 1]).to.equal(true);
    }
    for (const variable of ['role_group', 'tenure_band']) {
      const known = lines.filter((line) => line.startsWith('replace _coded = ') && line.includes(` if ${variable} == `)).map((line) => /== `"(.*)"'$/.exec(line)?.[1]);
      const index = header.indexOf(variable);
      const values = new Set(rows.map((row) => row[index] ?? '').filter((value) => value !== ''));
      expect(values.size, variable).to.be.greaterThan(0);
      for (const value of values) expect(known, `${variable} ${value}`).to.include(value);
    }
    for (const variable of header) expect(lines.some((line) => line.startsWith(`label variable ${variable} \`"`)), variable).to.equal(true);
  });

  // Under LC_ALL=C the syntax's header asks for SET LOCALE='UTF-8' first; the test does what it says.
  for (const { locale, before } of [{ locale: 'C.UTF-8', before: '' }, { locale: 'C', before: "SET LOCALE='UTF-8'.\n" }]) {
    it(`the SPSS syntax runs in PSPP without an error or warning, with every case, its labels and accents (LC_ALL=${locale})`, async function () {
      if (!(await hasCommand('pspp'))) skipTier(this, 'PSPP', 'no pspp on PATH (apt-get install pspp)');
      const syntax = (await fs.readdir(dir)).find((name) => name.endsWith('-responses.sps')) ?? '';
      if (before) expect(await fs.readFile(path.join(dir, syntax), 'utf8')).to.include(`run ${before.trim()} before this file`);
      await fs.writeFile(path.join(dir, 'run.sps'), `${before}INCLUDE FILE='${syntax}'.\nFREQUENCIES role_group unit.\nDESCRIPTIVES score_role_clarity.\n`);
      const { stdout } = await run('pspp', ['-O', 'format=txt', 'run.sps'], { cwd: dir, env: { ...process.env, LANG: locale, LC_ALL: locale } });
      expect(stdout).to.not.match(/error|warning/i);
      expect(stdout).to.match(new RegExp(`Total\\s*\\|\\s*${responses}\\|`));
      expect(stdout).to.include('Peer support specialist or');
      expect(stdout).to.include('Clarity of your role');
      expect(stdout).to.include('Clínica Norte');
    });
  }
});
