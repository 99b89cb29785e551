using System.Text;
using IncidentPolicy.Fuzzing;
using SharpFuzz;

// One argument picks the reader to fuzz. Under afl-fuzz, SharpFuzz's out-of-process fork server runs the check in a
// child .NET process that loops over inputs (persistent), and restarts it when it dies (a stack overflow, a hang);
// outside afl-fuzz the check runs once on standard input, which is how fuzz/run.sh replays a crash.
if (args.Length != 1 || !FuzzChecks.Targets.Contains(args[0], StringComparer.Ordinal))
{
    await Console.Error.WriteLineAsync($"usage: IncidentPolicy.Fuzz <{string.Join('|', FuzzChecks.Targets)}>").ConfigureAwait(false);
    return 2;
}

var check = FuzzChecks.For(args[0]);
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    check(Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
});
return 0;
