// The package's version, as shown by --version.
import packageJson from '../package.json' with { type: 'json' };

export const packageVersion: string = packageJson.version;
