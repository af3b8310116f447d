using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetHub.Web.Tests.Accounts;

/// <summary>
/// Holds each command that contains the armed text until a second one has reached it too, or for a while when none can
/// (it waits for the write lock): two operations that check, then write, without a lock would both have checked by then.
/// </summary>
internal sealed class CommandRendezvous : DbCommandInterceptor
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource _bothArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _armedFor;
    private int _arrived;

    public void Arm(string commandText) => Volatile.Write(ref _armedFor, commandText);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armedFor) is { } armed && command.CommandText.Contains(armed, StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref _arrived) == 2)
            {
                _bothArrived.TrySetResult();
            }

            await Task.WhenAny(_bothArrived.Task, Task.Delay(Patience, cancellationToken));
        }

        return result;
    }
}

/// <summary>Fails every command that contains the armed text, as a full disk or a broken constraint would.</summary>
internal sealed class FailingCommands : DbCommandInterceptor
{
    private string? _armedFor;

    public void Arm(string commandText) => Volatile.Write(ref _armedFor, commandText);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        FailIfArmed(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        FailIfArmed(command);
        return ValueTask.FromResult(result);
    }

    private void FailIfArmed(DbCommand command)
    {
        if (Volatile.Read(ref _armedFor) is { } armed && command.CommandText.Contains(armed, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Forced failure of: {command.CommandText}");
        }
    }
}
