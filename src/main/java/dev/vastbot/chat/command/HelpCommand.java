package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /vast help [COMMAND]}: every command with its usage, or one command's options. */
final class HelpCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec(
      "help", "List the commands, or explain one", List.of("COMMAND"), 0, List.of());
  private final Supplier<List<CommandSpec>> specs;

  HelpCommand(Supplier<List<CommandSpec>> specs) {
    this.specs = specs;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.readsAtOnce().withoutFleet();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    if (arguments.positional(0).isPresent()) {
      String name = arguments.positional(0).get();
      return specs.get().stream()
          .filter(s -> s.name().equals(name))
          .findFirst()
          .map(HelpCommand::explain)
          .orElseGet(() -> Reply.error("No command '" + name + "'. Try: /vast help"));
    }
    List<List<String>> rows = new ArrayList<>();
    specs.get().forEach(spec -> rows.add(List.of(spec.usage(), spec.summary())));
    return Reply.of(new Heading("vastbot commands"), new Table(List.of("command", "what it does"), rows));
  }

  private static Reply explain(CommandSpec spec) {
    List<List<String>> rows = new ArrayList<>();
    spec.options().forEach(o -> rows.add(List.of(o.usage(), o.help())));
    return Reply.of(new Heading(spec.usage() + " — " + spec.summary()),
        new Table(List.of("option", "meaning"), rows));
  }
}
