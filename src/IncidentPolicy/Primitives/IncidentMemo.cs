namespace IncidentPolicy.Primitives;

/// <summary>
/// Something a floor above the lifecycle works out from an incident and keeps with that one incident instance, so
/// that it is worked out once: the obligations' kept fold. <c>Incident</c> holds one reference to it and never reads
/// it; a new version of the incident (another instance) starts without one. The subclass owns what it holds and its
/// thread-safety.
/// </summary>
/// <remarks>
/// A reference on the incident rather than a <c>ConditionalWeakTable</c> keyed by it: with 100,000 incidents held,
/// a weak table's dependent handles are scanned by every garbage collection and each lookup goes through a handle, which
/// more than halved the evaluations per second of a sweep (see <c>docs/architecture.md</c>).
/// </remarks>
internal abstract class IncidentMemo
{
}
