// The core's public surface: everything the CLI, the editor adapters and the tests use.
export * from './text';
export * from './frontmatter';
export * from './post';
export * from './schema';
export * from './config';
export * from './entities';
export * from './diagnostics';
export * from './coverage';
export * from './edits';
export * from './lint';
export * from './fixall';
export * from './navigation';
export * from './summary';
export * from './hunks';
export * from './completion';
export * from './mentions';
export * from './newPost';
