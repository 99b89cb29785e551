using System.Reflection;
using System.Reflection.Emit;

namespace IncidentPolicy.Tests.Architecture;

/// <summary>
/// Every type a type refers to: base type, interfaces, generic arguments and constraints, attributes, fields,
/// properties, events, method signatures and locals, and every type, method and field token in the method bodies'
/// IL (so a call inside a body counts as much as a parameter). Nested and compiler-generated types (lambdas,
/// iterators, async state machines) count as their outermost declaring type.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

    static TypeReferences()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (value < 0x100)
            {
                OneByte[value] = code;
            }
            else
            {
                TwoByte[value & 0xff] = code;
            }
        }
    }

    /// <summary>The outermost declaring type of <paramref name="type"/>.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    /// <summary>Each (referenced type, how) pair of <paramref name="type"/>, limited to types of its own assembly;
    /// constructed generics, arrays, pointers and by-refs are taken apart.</summary>
    public static IEnumerable<(Type Target, string How)> Of(Type type)
    {
        var found = new List<(Type, string)>();
        var assembly = type.Assembly;

        void Add(Type? target, string how)
        {
            if (target is null)
            {
                return;
            }

            if (target.HasElementType)
            {
                Add(target.GetElementType(), how);
                return;
            }

            if (target.IsGenericParameter)
            {
                foreach (var constraint in target.GetGenericParameterConstraints())
                {
                    Add(constraint, how + " (constraint)");
                }

                return;
            }

            if (target.IsGenericType && !target.IsGenericTypeDefinition)
            {
                foreach (var argument in target.GetGenericArguments())
                {
                    Add(argument, how + " (generic argument)");
                }

                Add(target.GetGenericTypeDefinition(), how);
                return;
            }

            if (target.Assembly == assembly)
            {
                found.Add((target, how));
            }
        }

        void Attributes(IEnumerable<CustomAttributeData> attributes, string where)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType, "attribute on " + where);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(a => a.TypedValue)))
                {
                    Add(argument.Value as Type, "attribute argument on " + where);
                }
            }
        }

        Add(type.BaseType, "base type");
        foreach (var face in type.GetInterfaces())
        {
            Add(face, "interface");
        }

        if (type.IsGenericTypeDefinition)
        {
            foreach (var parameter in type.GetGenericArguments())
            {
                Add(parameter, "generic parameter");
            }
        }

        Attributes(type.CustomAttributes, "the type");
        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType, "field " + field.Name);
            Attributes(field.CustomAttributes, "field " + field.Name);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType, "property " + property.Name);
            Attributes(property.CustomAttributes, "property " + property.Name);
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            Add(@event.EventHandlerType, "event " + @event.Name);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var name = method.Name;
            Attributes(method.CustomAttributes, "method " + name);
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, "return of " + name);
                if (info.IsGenericMethodDefinition)
                {
                    foreach (var parameter in info.GetGenericArguments())
                    {
                        Add(parameter, "generic parameter of " + name);
                    }
                }
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, "parameter of " + name);
            }

            if (method.GetMethodBody() is not { } body)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Add(local.LocalType, "local in " + name);
            }

            var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            foreach (var token in Tokens(body.GetILAsByteArray()!))
            {
                switch (type.Module.ResolveMember(token, typeArguments, methodArguments))
                {
                    case Type referenced:
                        Add(referenced, "body of " + name);
                        break;
                    case MethodBase called:
                        Add(called.DeclaringType, $"body of {name} calls {called.Name}");
                        if (called is MethodInfo calledInfo)
                        {
                            Add(calledInfo.ReturnType, $"body of {name} calls {called.Name}");
                            if (calledInfo.IsGenericMethod)
                            {
                                foreach (var argument in calledInfo.GetGenericArguments())
                                {
                                    Add(argument, $"body of {name} calls {called.Name}");
                                }
                            }
                        }

                        break;
                    case FieldInfo field:
                        Add(field.DeclaringType, $"body of {name} reads {field.Name}");
                        Add(field.FieldType, $"body of {name} reads {field.Name}");
                        break;
                }
            }
        }

        return found;
    }

    /// <summary>The metadata tokens (types, methods, fields) that the IL refers to.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var at = 0;
        while (at < il.Length)
        {
            var code = il[at] == 0xfe ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += code.Size;
            var operand = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                yield return BitConverter.ToInt32(il, at);
            }

            at += operand;
        }
    }
}
