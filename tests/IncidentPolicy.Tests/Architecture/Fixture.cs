// Deliberate floor violations for NamespaceFloorsTests: Low sits below High but refers to it.
#pragma warning disable CA1812, CA1822, CA1823, CS0169, IDE0051, IDE0052
namespace IncidentPolicy.Tests.Architecture.Fixture.High
{
    internal class Upper
    {
        public static Upper Make() => new();

        public int Value => Low.Placement.Depth();
    }

    internal class UpperBase;
}

namespace IncidentPolicy.Tests.Architecture.Fixture.Low
{
    using IncidentPolicy.Tests.Architecture.Fixture.High;

    internal static class Placement
    {
        public const string Namespace = "IncidentPolicy.Tests.Architecture.Fixture.Low";

        public static int Depth() => Namespace.Split('.').Length;
    }

    internal sealed class LowWithField
    {
        private readonly Upper? _upper;
    }

    internal static class LowWithSignature
    {
        public static int Use(Upper upper) => upper.Value;
    }

    internal static class LowWithBody
    {
        public static int Count() => Upper.Make().Value;
    }

    internal static class LowWithGeneric
    {
        public static int Make()
        {
            var list = new List<Upper>();
            return list.Count;
        }
    }

    internal static class LowWithLambda
    {
        public static Func<object> Later() => () => Upper.Make();
    }

    internal sealed class LowWithBase : UpperBase;
}
