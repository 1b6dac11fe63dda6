// Diagnostics in VS Code for the Web: the extension's browser bundle in the web-worker extension host, reading the
// fixture posts through vscode.workspace.fs (test-web's file system). The cases are test/integration/shared/diagnostics.ts,
// as diagnostics.test.ts runs them (that file also reads the shared corpus with Node's fs, so it cannot run here whole).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitForActivation, workspaceFolder } from '../integration/helpers';
import { diagnosticsCaseTests } from '../integration/shared/diagnostics';

describe('web: the extension in the web-worker extension host', () => {
  it('runs in a browser worker, on a workspace that is not on a local disk', async () => {
    const ext = await waitForActivation();
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    // A dedicated worker: importScripts, and no Node globals (the extension's browser bundle is what runs).
    const g = globalThis as Record<string, unknown>;
    assert.strictEqual(typeof g.importScripts, 'function', 'a web worker global scope');
    assert.strictEqual(typeof g.process, 'undefined', 'no Node process object');
    assert.strictEqual(workspaceFolder().scheme, 'vscode-test-web', 'posts come through the vscode.workspace.fs provider of @vscode/test-web');
    assert.strictEqual((ext.packageJSON as { browser?: string }).browser, './dist/web/extension.js');
    assert.strictEqual(ext.extensionUri.scheme, 'http', 'the extension is served over HTTP, not read from disk');
  });
});

describe('web: diagnostics', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  diagnosticsCaseTests();
});
