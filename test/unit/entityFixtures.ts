// The fixture workspace as the entity tests see it: its config file and an index of its real posts.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, EntityIndex, parseConfig, type Config } from '../../src/core';
import { FIXTURES } from './realPosts';

export function fixtureConfig(): Config {
  return parseConfig(fs.readFileSync(path.join(FIXTURES, CONFIG_FILE), 'utf8')).config;
}

/** The fixture posts these tests count on (a fixed list: other tests may add posts to the folder). */
export const INDEXED_POSTS = [
  '-0zpuizDulg.md', '-561cZmir5Q.md', '000-ai-circular-economy.md', '001-silicon-valley-101.md', '002-chinese-only.md',
  '003-michael-burry.md', '0kVjjV0U35Y.md', 'Bbp-Vhk_Vic.md', 'JZJO7eMQkvg.md', 'LHjUSZnjQFk.md',
];

/** An index of those fixture posts, keyed file:///blog/<name>. */
export function fixtureIndex(config = fixtureConfig()): EntityIndex {
  const idx = new EntityIndex(config);
  for (const f of INDEXED_POSTS) idx.updateText('file:///blog/' + f, fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
  return idx;
}

export const fixturePost = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
