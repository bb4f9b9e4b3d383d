// The registered target kinds, by config field and inline prefix. A new kind is one module and one line here.
import { commandTargetKind } from './command/command-target.js';
import { httpTargetKind } from './http/http-target.js';
import { moduleTargetKind } from './module/module-target.js';
import type { TargetKind } from './target-kind.js';

export const targetKinds: readonly TargetKind[] = [moduleTargetKind, commandTargetKind, httpTargetKind];
