// The authoring commands (wrap, insert, unwrap, convert) in VS Code for the Web, on the fixture posts: the cases of
// test/integration/shared/commands.ts, fed with test/fixtures/expected/ as test/web/build.mjs bundles it (a worker has
// no Node fs to read it with).
import * as assert from 'assert';
import { activateExtension, closeAllEditors } from '../integration/helpers';
import { type Case, type CommandFixtures, commandCaseTests, wrapRefusalTest } from '../integration/shared/commands';
import casesFile from '../fixtures/expected/cases.json';
import files from 'web-fixtures:expected';

const fixtures: CommandFixtures = {
  cases: casesFile.cases as Case[],
  read(name) {
    const text = files[name];
    assert.ok(typeof text === 'string', `test/fixtures/expected/${name} is bundled`);
    return text;
  },
};

describe('web: authoring commands', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('the bundled cases are the shared ones', () => {
    assert.ok(fixtures.cases.filter(c => c.command === 'bilingual.wrapInEnglishBlock').length >= 3, fixtures.cases.map(c => c.name).join(', '));
  });

  commandCaseTests(fixtures);

  describe('in the wrong place they change nothing and say why', () => {
    wrapRefusalTest();
  });
});
