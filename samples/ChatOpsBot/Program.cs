using ChatOpsBot;

// Usage: dotnet run --project samples/ChatOpsBot -- [--clock START,FACTOR] [--log-dir DIR] [--policy FILE]
//        [--team FILE] [--user ID] [--until INSTANT] < script.txt       (see README.md beside this file)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return await BotProgram.RunAsync(args, new BackgroundLineReader(Console.In), Console.Out, Console.Error, TimeProvider.System, cancellationToken: stop.Token);
}
catch (OperationCanceledException)
{
    return BotProgram.Success;
}
