using Jint.Native;
using Jint.Native.Function;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// A function implemented in C# that checks the evaluation budget (stack, memory, time) before it runs.
/// Every built-in method of the sandbox is replaced by one of these, because Jint 2 can otherwise recurse without end
/// inside its own C# code (<c>o.toString = String.prototype.concat; '' + o</c>) and a stack overflow ends the process.
/// </summary>
internal sealed class HostFunction : FunctionInstance
{
    private readonly EvaluationBudget _budget;
    private readonly Func<JsValue, JsValue[], JsValue> _body;

    public HostFunction(Jint.Engine engine, EvaluationBudget budget, int length, Func<JsValue, JsValue[], JsValue> body)
        : base(engine, null, null, strict: false)
    {
        _budget = budget;
        _body = body;
        Prototype = engine.Function.PrototypeObject;
        FastAddProperty("length", length, writable: false, enumerable: false, configurable: false);
        Extensible = true;
    }

    public override JsValue Call(JsValue thisObject, JsValue[] arguments)
    {
        _budget.Check();
        return _body(thisObject, arguments);
    }
}
