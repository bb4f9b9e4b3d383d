// A command with subcommands (`agentlab datasets validate`, `agentlab memory add`…) whose subcommands
// take on the settings the program gives it (exit override, output), since commander copies them
// only one level down.
import { Command } from 'commander';

export class CommandGroup extends Command {
  override copyInheritedSettings(sourceCommand: Command): this {
    super.copyInheritedSettings(sourceCommand);
    for (const command of this.commands) command.copyInheritedSettings(this);
    return this;
  }
}
