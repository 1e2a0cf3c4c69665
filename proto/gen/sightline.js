// Generated from proto/sightline.proto by `npm run generate` (protobufjs-cli). Do not edit.
/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["sightline-sightline"] || ($protobuf.roots["sightline-sightline"] = {});

export const sightline = $root.sightline = (() => {

    /**
     * Namespace sightline.
     * @exports sightline
     * @namespace
     */
    const sightline = {};

    sightline.store = (function() {

        /**
         * Namespace store.
         * @memberof sightline
         * @namespace
         */
        const store = {};

        store.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof sightline.store
             * @namespace
             */
            const v1 = {};

            /**
             * Tlp enum.
             * @name sightline.store.v1.Tlp
             * @enum {number}
             * @property {number} TLP_CLEAR=0 TLP_CLEAR value
             * @property {number} TLP_GREEN=1 TLP_GREEN value
             * @property {number} TLP_AMBER=2 TLP_AMBER value
             * @property {number} TLP_AMBER_STRICT=3 TLP_AMBER_STRICT value
             * @property {number} TLP_RED=4 TLP_RED value
             */
            v1.Tlp = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "TLP_CLEAR"] = 0;
                values[valuesById[1] = "TLP_GREEN"] = 1;
                values[valuesById[2] = "TLP_AMBER"] = 2;
                values[valuesById[3] = "TLP_AMBER_STRICT"] = 3;
                values[valuesById[4] = "TLP_RED"] = 4;
                return values;
            })();

            v1.Indicator = (function() {

                /**
                 * Properties of an Indicator.
                 * @typedef {Object} sightline.store.v1.Indicator.$Properties
                 * @property {string|null} [type] Indicator type
                 * @property {string|null} [value] Indicator value
                 * @property {sightline.store.v1.Tlp|null} [tlp] Indicator tlp
                 * @property {number|null} [confidence] Indicator confidence
                 * @property {Array.<string>|null} [tags] Indicator tags
                 * @property {string|null} [source] Indicator source
                 * @property {number|null} [firstSeen] Indicator firstSeen
                 * @property {number|null} [lastSeen] Indicator lastSeen
                 * @property {number|Long|null} [count] Indicator count
                 * @property {number|null} [validUntil] Indicator validUntil
                 * @property {string|null} [warninglist] Indicator warninglist
                 * @property {boolean|null} [ids] Indicator ids
                 * @property {boolean|null} [revoked] Indicator revoked
                 * @property {Array.<string>|null} [context] Indicator context
                 * @property {Array.<string>|null} [sources] Indicator sources
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Indicator.
                 * @memberof sightline.store.v1
                 * @interface IIndicator
                 * @augments sightline.store.v1.Indicator.$Properties
                 * @deprecated Use sightline.store.v1.Indicator.$Properties instead.
                 */

                /**
                 * Shape of an Indicator.
                 * @typedef {sightline.store.v1.Indicator.$Properties} sightline.store.v1.Indicator.$Shape
                 */

                /**
                 * Constructs a new Indicator.
                 * @memberof sightline.store.v1
                 * @classdesc Represents an Indicator.
                 * @constructor
                 * @param {sightline.store.v1.Indicator.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Indicator = function (properties) {
                    this.tags = [];
                    this.context = [];
                    this.sources = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Indicator type.
                 * @member {string} type
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.type = "";

                /**
                 * Indicator value.
                 * @member {string} value
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.value = "";

                /**
                 * Indicator tlp.
                 * @member {sightline.store.v1.Tlp} tlp
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.tlp = 0;

                /**
                 * Indicator confidence.
                 * @member {number|null|undefined} confidence
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.confidence = null;

                /**
                 * Indicator tags.
                 * @member {Array.<string>} tags
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.tags = $util.emptyArray;

                /**
                 * Indicator source.
                 * @member {string} source
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.source = "";

                /**
                 * Indicator firstSeen.
                 * @member {number} firstSeen
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.firstSeen = 0;

                /**
                 * Indicator lastSeen.
                 * @member {number} lastSeen
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.lastSeen = 0;

                /**
                 * Indicator count.
                 * @member {number|Long} count
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.count = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Indicator validUntil.
                 * @member {number|null|undefined} validUntil
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.validUntil = null;

                /**
                 * Indicator warninglist.
                 * @member {string|null|undefined} warninglist
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.warninglist = null;

                /**
                 * Indicator ids.
                 * @member {boolean|null|undefined} ids
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.ids = null;

                /**
                 * Indicator revoked.
                 * @member {boolean|null|undefined} revoked
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.revoked = null;

                /**
                 * Indicator context.
                 * @member {Array.<string>} context
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.context = $util.emptyArray;

                /**
                 * Indicator sources.
                 * @member {Array.<string>} sources
                 * @memberof sightline.store.v1.Indicator
                 * @instance
                 */
                Indicator.prototype.sources = $util.emptyArray;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Indicator.prototype, "_confidence", {
                    get: $util.oneOfGetter($oneOfFields = ["confidence"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Indicator.prototype, "_validUntil", {
                    get: $util.oneOfGetter($oneOfFields = ["validUntil"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Indicator.prototype, "_warninglist", {
                    get: $util.oneOfGetter($oneOfFields = ["warninglist"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Indicator.prototype, "_ids", {
                    get: $util.oneOfGetter($oneOfFields = ["ids"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(Indicator.prototype, "_revoked", {
                    get: $util.oneOfGetter($oneOfFields = ["revoked"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new Indicator instance using the specified properties.
                 * @function create
                 * @memberof sightline.store.v1.Indicator
                 * @static
                 * @param {sightline.store.v1.Indicator.$Properties=} [properties] Properties to set
                 * @returns {sightline.store.v1.Indicator} Indicator instance
                 * @type {{
                 *   (properties: sightline.store.v1.Indicator.$Shape): sightline.store.v1.Indicator & sightline.store.v1.Indicator.$Shape;
                 *   (properties?: sightline.store.v1.Indicator.$Properties): sightline.store.v1.Indicator;
                 * }}
                 */
                Indicator.create = function(properties) {
                    return new Indicator(properties);
                };

                /**
                 * Encodes the specified Indicator message. Does not implicitly {@link sightline.store.v1.Indicator.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.store.v1.Indicator
                 * @static
                 * @param {sightline.store.v1.Indicator.$Properties} message Indicator message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Indicator.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                    if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.value);
                    if (message.tlp != null && $Object.hasOwnProperty.call(message, "tlp") && message.tlp !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.tlp);
                    if (message.confidence != null && $Object.hasOwnProperty.call(message, "confidence"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.confidence);
                    if (message.tags != null && message.tags.length)
                        for (let i = 0; i < message.tags.length; ++i)
                            writer.uint32(/* id 5, wireType 2 =*/42).string(message.tags[i]);
                    if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.source);
                    if (message.firstSeen != null && $Object.hasOwnProperty.call(message, "firstSeen") && !$Object.is(message.firstSeen, 0))
                        writer.uint32(/* id 7, wireType 1 =*/57).double(message.firstSeen);
                    if (message.lastSeen != null && $Object.hasOwnProperty.call(message, "lastSeen") && !$Object.is(message.lastSeen, 0))
                        writer.uint32(/* id 8, wireType 1 =*/65).double(message.lastSeen);
                    if (message.count != null && $Object.hasOwnProperty.call(message, "count") && (typeof message.count === "object" ? message.count.low || message.count.high : message.count !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.count);
                    if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                        writer.uint32(/* id 10, wireType 1 =*/81).double(message.validUntil);
                    if (message.warninglist != null && $Object.hasOwnProperty.call(message, "warninglist"))
                        writer.uint32(/* id 11, wireType 2 =*/90).string(message.warninglist);
                    if (message.ids != null && $Object.hasOwnProperty.call(message, "ids"))
                        writer.uint32(/* id 12, wireType 0 =*/96).bool(message.ids);
                    if (message.revoked != null && $Object.hasOwnProperty.call(message, "revoked"))
                        writer.uint32(/* id 13, wireType 0 =*/104).bool(message.revoked);
                    if (message.context != null && message.context.length)
                        for (let i = 0; i < message.context.length; ++i)
                            writer.uint32(/* id 14, wireType 2 =*/114).string(message.context[i]);
                    if (message.sources != null && message.sources.length)
                        for (let i = 0; i < message.sources.length; ++i)
                            writer.uint32(/* id 15, wireType 2 =*/122).string(message.sources[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Indicator message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.store.v1.Indicator
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.store.v1.Indicator & sightline.store.v1.Indicator.$Shape} Indicator
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Indicator.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.store.v1.Indicator();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.type = value;
                                else
                                    delete message.type;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.value = value;
                                else
                                    delete message.value;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.tlp = value;
                                else
                                    delete message.tlp;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                message.confidence = reader.uint32();
                                message._confidence = "confidence";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.tags && message.tags.length))
                                    message.tags = [];
                                message.tags.push(reader.stringVerify());
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.source = value;
                                else
                                    delete message.source;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.firstSeen = value;
                                else
                                    delete message.firstSeen;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.lastSeen = value;
                                else
                                    delete message.lastSeen;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.count = value;
                                else
                                    delete message.count;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 1)
                                    break;
                                message.validUntil = reader.double();
                                message._validUntil = "validUntil";
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                message.warninglist = reader.stringVerify();
                                message._warninglist = "warninglist";
                                continue;
                            }
                        case 12: {
                                if (wireType !== 0)
                                    break;
                                message.ids = reader.bool();
                                message._ids = "ids";
                                continue;
                            }
                        case 13: {
                                if (wireType !== 0)
                                    break;
                                message.revoked = reader.bool();
                                message._revoked = "revoked";
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.context && message.context.length))
                                    message.context = [];
                                message.context.push(reader.stringVerify());
                                continue;
                            }
                        case 15: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.sources && message.sources.length))
                                    message.sources = [];
                                message.sources.push(reader.stringVerify());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Indicator;
            })();

            v1.Sighting = (function() {

                /**
                 * Properties of a Sighting.
                 * @typedef {Object} sightline.store.v1.Sighting.$Properties
                 * @property {string|null} [type] Sighting type
                 * @property {string|null} [value] Sighting value
                 * @property {sightline.store.v1.Tlp|null} [tlp] Sighting tlp
                 * @property {number|null} [time] Sighting time
                 * @property {number|Long|null} [count] Sighting count
                 * @property {string|null} [source] Sighting source
                 * @property {string|null} [where] Sighting where
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Sighting.
                 * @memberof sightline.store.v1
                 * @interface ISighting
                 * @augments sightline.store.v1.Sighting.$Properties
                 * @deprecated Use sightline.store.v1.Sighting.$Properties instead.
                 */

                /**
                 * Shape of a Sighting.
                 * @typedef {sightline.store.v1.Sighting.$Properties} sightline.store.v1.Sighting.$Shape
                 */

                /**
                 * Constructs a new Sighting.
                 * @memberof sightline.store.v1
                 * @classdesc Represents a Sighting.
                 * @constructor
                 * @param {sightline.store.v1.Sighting.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Sighting = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Sighting type.
                 * @member {string} type
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.type = "";

                /**
                 * Sighting value.
                 * @member {string} value
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.value = "";

                /**
                 * Sighting tlp.
                 * @member {sightline.store.v1.Tlp} tlp
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.tlp = 0;

                /**
                 * Sighting time.
                 * @member {number} time
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.time = 0;

                /**
                 * Sighting count.
                 * @member {number|Long} count
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.count = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Sighting source.
                 * @member {string} source
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.source = "";

                /**
                 * Sighting where.
                 * @member {string} where
                 * @memberof sightline.store.v1.Sighting
                 * @instance
                 */
                Sighting.prototype.where = "";

                /**
                 * Creates a new Sighting instance using the specified properties.
                 * @function create
                 * @memberof sightline.store.v1.Sighting
                 * @static
                 * @param {sightline.store.v1.Sighting.$Properties=} [properties] Properties to set
                 * @returns {sightline.store.v1.Sighting} Sighting instance
                 * @type {{
                 *   (properties: sightline.store.v1.Sighting.$Shape): sightline.store.v1.Sighting & sightline.store.v1.Sighting.$Shape;
                 *   (properties?: sightline.store.v1.Sighting.$Properties): sightline.store.v1.Sighting;
                 * }}
                 */
                Sighting.create = function(properties) {
                    return new Sighting(properties);
                };

                /**
                 * Encodes the specified Sighting message. Does not implicitly {@link sightline.store.v1.Sighting.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.store.v1.Sighting
                 * @static
                 * @param {sightline.store.v1.Sighting.$Properties} message Sighting message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Sighting.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                    if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.value);
                    if (message.tlp != null && $Object.hasOwnProperty.call(message, "tlp") && message.tlp !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.tlp);
                    if (message.time != null && $Object.hasOwnProperty.call(message, "time") && !$Object.is(message.time, 0))
                        writer.uint32(/* id 4, wireType 1 =*/33).double(message.time);
                    if (message.count != null && $Object.hasOwnProperty.call(message, "count") && (typeof message.count === "object" ? message.count.low || message.count.high : message.count !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.count);
                    if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.source);
                    if (message.where != null && $Object.hasOwnProperty.call(message, "where") && message.where !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.where);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Sighting message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.store.v1.Sighting
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.store.v1.Sighting & sightline.store.v1.Sighting.$Shape} Sighting
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Sighting.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.store.v1.Sighting();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.type = value;
                                else
                                    delete message.type;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.value = value;
                                else
                                    delete message.value;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.tlp = value;
                                else
                                    delete message.tlp;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.time = value;
                                else
                                    delete message.time;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.count = value;
                                else
                                    delete message.count;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.source = value;
                                else
                                    delete message.source;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.where = value;
                                else
                                    delete message.where;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Sighting;
            })();

            return v1;
        })();

        return store;
    })();

    return sightline;
})();

export {
  $root as default
};
