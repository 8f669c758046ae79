// Entry point of the `warmpath` command. Node's compile cache makes the second and later starts
// noticeably faster (the CLI loads the whole server stack); it must be on before anything loads.
import module from 'node:module';

module.enableCompileCache?.();
await import('./cli.ts');
